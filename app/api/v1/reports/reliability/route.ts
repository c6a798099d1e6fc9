import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { loadReliabilityReport } from "@/lib/reports/load-reliability";
import { ReliabilityQuery } from "@/lib/reports/schemas";

/** Per-service availability, MTTD/MTTA/MTTR/MTBF, SLO budget and chart series of a range. */
export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  const input = parseQuery(ReliabilityQuery, req);
  return ok(await loadReliabilityReport(db(), input));
});
