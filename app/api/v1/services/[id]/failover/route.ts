import { handleStart } from "../_shared/start-failover-route";
import { route } from "@/lib/http/respond";

/** Move the service's traffic from its ACTIVE pool to a standby pool: `{ toPoolId?, reason, force? }`. */
export const POST = route<RouteContext<"/api/v1/services/[id]/failover">>(async (req, { params }) => handleStart(req, (await params).id, "FAILOVER"));
