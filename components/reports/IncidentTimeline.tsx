"use client";

import { Download, Printer } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { QueryState } from "@/components/common/QueryState";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { ReportRangeParams } from "@/lib/queries/use-reliability-report";
import { timelineParams, useTimeline } from "@/lib/queries/use-timeline";
import { TIMELINE_CATEGORIES, type TimelineCategory } from "@/lib/reports/timeline";

const BADGE: Record<TimelineCategory, string> = {
  FAULT: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  FAILOVER: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  CHANGE: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  NOTE: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
};

/**
 * Incident review of the chosen window: every fault event, failover, weight/admin change and note
 * across services in one time-ordered list; filterable, printable, exportable.
 */
export function IncidentTimeline({ range }: { range: ReportRangeParams }) {
  const [categories, setCategories] = useState<TimelineCategory[]>([...TIMELINE_CATEGORIES]);
  const [text, setText] = useState("");
  const all = categories.length === TIMELINE_CATEGORIES.length;
  const params = useMemo(() => ({ ...range, ...(all ? {} : { category: categories.join(",") }) }), [range, categories, all]);
  const q = useTimeline(params);
  const needle = text.trim().toLowerCase();
  const items = (q.data?.items ?? []).filter(
    (i) => !needle || [i.kind, i.service, i.subject, i.actor, i.message].some((v) => v?.toLowerCase().includes(needle)),
  );
  const exportHref = (format: "csv" | "markdown") => {
    const p = timelineParams(range, format);
    if (!all) p.set("category", categories.join(","));
    return `/api/v1/reports/timeline?${p}`;
  };
  return (
    <section aria-labelledby="timeline-h" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="timeline-h" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Incident timeline {utc(range.from)} – {utc(range.to)}
        </h2>
        <div className="flex flex-wrap gap-2 print:hidden">
          <button type="button" className={`${ui.button} inline-flex items-center gap-1`} onClick={() => window.print()}>
            <Printer aria-hidden className="size-4" /> Print
          </button>
          <a href={exportHref("markdown")} download className={`${ui.button} inline-flex items-center gap-1`}>
            <Download aria-hidden className="size-4" /> Export Markdown
          </a>
          <a href={exportHref("csv")} download className={`${ui.button} inline-flex items-center gap-1`}>
            <Download aria-hidden className="size-4" /> Export CSV
          </a>
        </div>
      </div>
      <div role="search" aria-label="Filter the timeline" className="mb-3 flex flex-wrap items-center gap-3 print:hidden">
        <fieldset className="flex items-center gap-2 rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
          <legend className="sr-only">Categories</legend>
          {TIMELINE_CATEGORIES.map((c) => (
            <label key={c} className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={categories.includes(c)}
                onChange={(e) =>
                  setCategories(e.target.checked ? TIMELINE_CATEGORIES.filter((x) => x === c || categories.includes(x)) : categories.filter((x) => x !== c))
                }
              />
              {c}
            </label>
          ))}
        </fieldset>
        <input
          type="search"
          aria-label="Search the timeline"
          placeholder="service, instance, actor, text…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={`${ui.input} w-64`}
        />
      </div>
      {q.data?.truncated && <p className="mb-2 text-sm text-amber-700">This window holds more events than one view shows: narrow it.</p>}
      <QueryState isLoading={q.isLoading} error={q.error} empty={items.length === 0} emptyText="No events in this window.">
        <div className={ui.scroll}>
          <table className={ui.table} data-testid="timeline-table">
            <caption className="sr-only">Merged incident timeline, oldest first</caption>
            <thead className={ui.thead}>
              <tr>
                {["Time (UTC)", "Category", "Kind", "Service", "Subject", "Actor", "What"].map((h) => (
                  <th key={h} className={ui.th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((i, n) => (
                <tr key={`${i.at}-${n}`} className={`${ui.tr} break-inside-avoid align-top`}>
                  <td className={`${ui.td} whitespace-nowrap font-mono text-xs`}>{utc(i.at)}</td>
                  <td className={ui.td}>
                    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${BADGE[i.category]}`}>{i.category}</span>
                  </td>
                  <td className={`${ui.td} text-xs`}>{i.kind}</td>
                  <td className={ui.td}>{i.service ?? "—"}</td>
                  <td className={ui.td}>
                    {i.faultKey ? (
                      <Link href={`/faults/${i.faultKey}`} className="underline-offset-2 hover:underline">
                        {i.subject}
                      </Link>
                    ) : (
                      (i.subject ?? "—")
                    )}
                  </td>
                  <td className={`${ui.td} text-xs`}>{i.actor}</td>
                  <td className={`${ui.td} break-words`}>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </section>
  );
}
