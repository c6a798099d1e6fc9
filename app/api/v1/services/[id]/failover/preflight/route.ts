import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { PreflightQuery, preflightView } from "@/lib/failover/preflight-view";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Would a failover to `?toPoolId=` (default: the preferred standby) go ahead, and its plan. */
export const GET = route<RouteContext<"/api/v1/services/[id]/failover/preflight">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  const q = parseQuery(PreflightQuery, req);
  return ok(await preflightView(db(), (await params).id, q));
});
