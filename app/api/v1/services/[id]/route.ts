import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { getServiceDetail } from "@/lib/services/get-service-detail";
import { ok, route } from "@/lib/http/respond";

/** One service: pools, instances (desired/actual/drift), live traffic, latency, failovers. */
export const GET = route<RouteContext<"/api/v1/services/[id]">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  return ok(await getServiceDetail(db(), (await params).id));
});
