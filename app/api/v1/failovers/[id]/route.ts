import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { getFailover } from "@/lib/failover/failover-view";
import { ok, route } from "@/lib/http/respond";

/** One failover with its steps (poll it while it runs). */
export const GET = route<RouteContext<"/api/v1/failovers/[id]">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  return ok(await getFailover(db(), (await params).id));
});
