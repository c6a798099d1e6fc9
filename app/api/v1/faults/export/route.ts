import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { exportCsv, exportFaults, FaultExportQuery } from "@/lib/faults/export-faults";
import { parseQuery } from "@/lib/http/parse";
import { attachment, route } from "@/lib/http/respond";

/**
 * The whole filtered fault list as a file (`?format=csv|json` + the list's filters), newest
 * first, at most 50,000 rows: `X-Truncated: true` says the cap cut it.
 */
export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  const input = parseQuery(FaultExportQuery, req);
  const { rows, truncated } = await exportFaults(db(), input);
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
  const headers = { "x-truncated": String(truncated), "x-row-count": String(rows.length) };
  return input.format === "json"
    ? attachment(JSON.stringify(rows), { filename: `faults-${stamp}.json`, contentType: "application/json; charset=utf-8", headers })
    : attachment(exportCsv(rows), { filename: `faults-${stamp}.csv`, contentType: "text/csv; charset=utf-8; header=present", headers });
});
