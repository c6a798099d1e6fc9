import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { getServiceTraffic, TrafficQuery } from "@/lib/services/get-service-traffic";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Requests/s per instance through HAProxy in 5 s buckets (`?minutes=15`). */
export const GET = route<RouteContext<"/api/v1/services/[id]/traffic">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  const q = parseQuery(TrafficQuery, req);
  return ok(await getServiceTraffic(db(), (await params).id, q));
});
