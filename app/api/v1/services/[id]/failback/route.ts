import { handleStart } from "../_shared/start-failover-route";
import { route } from "@/lib/http/respond";

/** Move traffic back to the pool the last verified failover came from: `{ reason, force? }`. */
export const POST = route<RouteContext<"/api/v1/services/[id]/failback">>(async (req, { params }) => handleStart(req, (await params).id, "FAILBACK"));
