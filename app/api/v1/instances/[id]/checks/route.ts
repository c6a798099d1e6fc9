import { requireRole } from "@/lib/auth/require-role";
import { ChecksQuery, instanceChecks } from "@/lib/checks/instance-checks";
import { db } from "@/lib/db/client";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Per-minute latency/failure figures and raw failures of one instance (`?from=&to=`). */
export const GET = route<RouteContext<"/api/v1/instances/[id]/checks">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  const input = parseQuery(ChecksQuery, req);
  return ok(await instanceChecks(db(), (await params).id, input));
});
