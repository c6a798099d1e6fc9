"use client";

import { Gauge, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/detection/describe";
import { useStatusQuery } from "@/lib/queries/use-status-query";

function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-[11px] uppercase tracking-wide text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

/** The health poller's figures (from /api/v1/status): is checking keeping up, are results saved? */
export function PollerPanel() {
  const { data } = useStatusQuery();
  const p = data?.poller;
  const warnings = [
    p?.stale && `Figures are stale: the ${p.source === "worker" ? "worker" : "poller"} has not reported for over 15 s.`,
    p?.writeError && `Check results are not being saved: ${p.writeError}`,
    p && !p.running && "The poller is stopped.",
    p && p.droppedWrites > 0 && `${p.droppedWrites} check results were dropped (write queue full).`,
  ].filter((w): w is string => Boolean(w));
  return (
    <section
      aria-labelledby="poller-h"
      data-testid="poller-panel"
      className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="poller-h" className="mb-1 flex items-center gap-1.5 text-xs font-semibold text-slate-700 dark:text-slate-300">
        <Gauge aria-hidden className="size-3.5" /> Health poller{p ? ` · ${p.source === "worker" ? "worker process" : "in this server"}` : ""}
      </h2>
      {!data ? (
        <p className="text-xs text-slate-500">Loading…</p>
      ) : !p ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">No poller has reported yet.</p>
      ) : (
        <dl className="grid grid-cols-3 gap-x-4 gap-y-1 sm:grid-cols-6">
          <Figure term="checks/s">{p.checksPerSecond}</Figure>
          <Figure term="lag p50">{formatDuration(p.lagP50Ms)}</Figure>
          <Figure term="lag p99">{formatDuration(p.lagP99Ms)}</Figure>
          <Figure term="in flight">{p.inFlight}</Figure>
          <Figure term="instances">{p.instances}</Figure>
          <Figure term="queued writes">{p.queuedWrites}</Figure>
        </dl>
      )}
      {warnings.map((w) => (
        <p key={w} role="alert" className="mt-1.5 flex items-start gap-1 text-xs font-semibold text-red-700 dark:text-red-400">
          <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" /> {w}
        </p>
      ))}
    </section>
  );
}
