import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseQuery } from "@/lib/http/parse";
import { attachment, ok, route } from "@/lib/http/respond";
import { loadTimeline } from "@/lib/reports/load-timeline";
import { TimelineQuery } from "@/lib/reports/schemas";
import { timelineCsv, timelineMarkdown } from "@/lib/reports/timeline";

/**
 * The merged incident timeline of a window, oldest first: `{ items, nextCursor }` pages, or with
 * `?format=csv|markdown` the whole window as a download (`X-Truncated: true` when capped).
 */
export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  const input = parseQuery(TimelineQuery, req);
  const t = await loadTimeline(db(), input);
  if (input.format !== "json") {
    const name = `timeline-${t.from}-${t.to}`.replace(/\.\d+Z/g, "Z").replace(/:/g, "-");
    const headers = { "x-truncated": String(t.truncated), "x-row-count": String(t.items.length) };
    return input.format === "csv"
      ? attachment(timelineCsv(t.items), { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8; header=present", headers })
      : attachment(timelineMarkdown(t.items, t), { filename: `${name}.md`, contentType: "text/markdown; charset=utf-8", headers });
  }
  const offset = Number(input.cursor ?? 0);
  const items = t.items.slice(offset, offset + input.limit);
  const next = offset + input.limit < t.items.length ? String(offset + input.limit) : null;
  return ok({ from: t.from, to: t.to, truncated: t.truncated, items, nextCursor: next });
});
