"use client";

import { useMemo } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import { ChartWithTable } from "@/components/common/ChartWithTable";
import { QueryState } from "@/components/common/QueryState";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { useNow } from "@/components/common/use-now";
import { chartSeries, type ChartPoint } from "@/lib/checks/chart-series";
import { formatDuration } from "@/lib/detection/describe";
import type { FaultView } from "@/lib/faults/view";
import { useInstanceChecksQuery } from "@/lib/queries/use-instance-checks-query";

const MARGIN_MS = 15 * 60_000;

/** `13:56` (UTC): chart ticks; a date prefix when the range spans days. */
const clock = (t: number, withDate: boolean) => {
  const iso = new Date(t).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
};

const SERIES = [
  { key: "p50Ms", label: "p50 latency (ms)", color: "var(--chart-p50)", shape: "line" },
  { key: "p95Ms", label: "p95 latency (ms)", color: "var(--chart-p95)", shape: "line" },
  { key: "failures", label: "failed checks", color: "var(--chart-failures)", shape: "bar" },
] as const;

function Legend({ bucketMs }: { bucketMs: number }) {
  return (
    <ul className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
      {SERIES.map((s) => (
        <li key={s.key} className="inline-flex items-center gap-1.5">
          <svg aria-hidden width="16" height="10">
            {s.shape === "line" ? (
              <line x1="0" y1="5" x2="16" y2="5" stroke={s.color} strokeWidth="2.5" />
            ) : (
              <rect x="3" y="0" width="10" height="10" fill={s.color} fillOpacity="0.7" />
            )}
          </svg>
          {s.label}
          {s.key === "failures" && bucketMs > 60_000 ? ` per ${formatDuration(bucketMs)}` : s.key === "failures" ? " per minute" : ""}
        </li>
      ))}
      <li className="inline-flex items-center gap-1.5">
        <svg aria-hidden width="16" height="10">
          <rect width="16" height="10" fill="var(--chart-window)" fillOpacity="0.25" />
        </svg>
        the fault
      </li>
      <li className="text-slate-500">times in UTC</li>
    </ul>
  );
}

function ChartTip({ active, payload, label, withDate }: { active?: boolean; payload?: readonly { payload?: unknown }[]; label?: unknown; withDate: boolean }) {
  const p = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900">
      <div className="font-mono font-semibold">{clock(Number(label), withDate)}Z</div>
      <div>checks: {p.count}</div>
      <div>failed: {p.failures}</div>
      <div>p50: {p.p50Ms ?? "—"} ms</div>
      <div>p95: {p.p95Ms ?? "—"} ms</div>
    </div>
  );
}

function LatencyChart({ points, bucketMs, windowFrom, windowTo }: { points: ChartPoint[]; bucketMs: number; windowFrom: number; windowTo: number }) {
  const withDate = points.length > 0 && points[points.length - 1]!.t - points[0]!.t > 86_400_000;
  // The category axis only knows bucket starts: snap the fault window onto them.
  const snap = (t: number) => Math.min(Math.max(Math.floor(t / bucketMs) * bucketMs, points[0]?.t ?? t), points[points.length - 1]?.t ?? t);
  const tick = { fill: "var(--chart-axis)", fontSize: 11 };
  return (
    <ComposedChart responsive data={points} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
      <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="t" tickFormatter={(t: number) => clock(t, withDate)} tick={tick} stroke="var(--chart-grid)" minTickGap={24} />
      <YAxis yAxisId="ms" tick={tick} stroke="var(--chart-grid)" width={44} />
      <YAxis yAxisId="n" orientation="right" allowDecimals={false} tick={tick} stroke="var(--chart-grid)" width={32} />
      <ReferenceArea yAxisId="ms" x1={snap(windowFrom)} x2={snap(windowTo)} fill="var(--chart-window)" fillOpacity={0.18} />
      <Bar yAxisId="n" dataKey="failures" name="failed checks" fill="var(--chart-failures)" fillOpacity={0.7} isAnimationActive={false} />
      <Line yAxisId="ms" dataKey="p50Ms" name="p50" stroke="var(--chart-p50)" strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line yAxisId="ms" dataKey="p95Ms" name="p95" stroke="var(--chart-p95)" strokeWidth={2} dot={false} isAnimationActive={false} />
      <Tooltip content={(props) => <ChartTip active={props.active} payload={props.payload} label={props.label} withDate={withDate} />} />
    </ComposedChart>
  );
}

const NO_MINUTES = "No per-minute figures in this range yet: a minute shows once it has ended.";

function MinutesTable({
  minutes,
}: {
  minutes: { minute: string; count: number; failures: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null }[];
}) {
  if (minutes.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{NO_MINUTES}</p>;
  return (
    <div className="max-h-96 overflow-auto">
      <table className={ui.table}>
        <caption className="sr-only">Checks per minute</caption>
        <thead className={ui.thead}>
          <tr>
            <th className={ui.th}>Minute (UTC)</th>
            <th className={`${ui.th} text-right`}>Checks</th>
            <th className={`${ui.th} text-right`}>Failed</th>
            <th className={`${ui.th} text-right`}>p50 ms</th>
            <th className={`${ui.th} text-right`}>p95 ms</th>
            <th className={`${ui.th} text-right`}>max ms</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {minutes.map((m) => (
            <tr key={m.minute} className={ui.tr}>
              <td className={`${ui.td} font-mono text-xs`}>{utc(m.minute)}</td>
              <td className={`${ui.td} text-right`}>{m.count}</td>
              <td className={`${ui.td} text-right ${m.failures ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{m.failures}</td>
              <td className={`${ui.td} text-right`}>{m.p50Ms ?? "—"}</td>
              <td className={`${ui.td} text-right`}>{m.p95Ms ?? "—"}</td>
              <td className={`${ui.td} text-right`}>{m.maxMs ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * An instance fault's evidence: p50/p95 latency and failed checks from 15 min before it started
 * to 15 min after it ended (or now), the fault shaded; a table of the same numbers on request.
 */
export function FaultChecks({ fault }: { fault: FaultView & { instance: NonNullable<FaultView["instance"]> } }) {
  const started = Date.parse(fault.startedAt);
  const resolved = fault.resolvedAt ? Date.parse(fault.resolvedAt) : null;
  const from = new Date(started - MARGIN_MS).toISOString();
  const to = resolved === null ? null : new Date(resolved + MARGIN_MS).toISOString();
  const q = useInstanceChecksQuery(fault.instance.id, from, to);
  // Re-read each 10 s: the x range of an open fault (or a recent one) grows with time.
  const now = useNow(10_000);
  const end = Math.min(resolved === null ? now : resolved + MARGIN_MS, now);
  const minutes = useMemo(() => q.data?.minutes ?? [], [q.data]);
  const series = useMemo(() => chartSeries(minutes, started - MARGIN_MS, end), [minutes, started, end]);
  const failures = q.data?.failures ?? [];
  return (
    <ChartWithTable
      id="checks"
      title={`Checks of ${fault.instance.name}`}
      caption="Latency and failed checks per minute; the table view lists the same numbers."
      chart={
        <QueryState isLoading={q.isLoading} error={q.error} empty={false} emptyText="">
          <Legend bucketMs={series.bucketMs} />
          {minutes.length === 0 && <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">{NO_MINUTES}</p>}
          <LatencyChart points={series.points} bucketMs={series.bucketMs} windowFrom={started} windowTo={resolved ?? now} />
        </QueryState>
      }
      table={
        <QueryState isLoading={q.isLoading} error={q.error} empty={false} emptyText="">
          <MinutesTable minutes={minutes} />
        </QueryState>
      }
    >
      {failures.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-slate-700 dark:text-slate-300">
            {failures.length === 2000 ? "2000+" : failures.length} failed check{failures.length === 1 ? "" : "s"} in this range
            {failures.length > 200 ? " (the last 200 listed)" : ""}
          </summary>
          <ul className="mt-2 max-h-64 overflow-auto font-mono text-xs">
            {failures.slice(-200).map((f, i) => (
              <li key={`${f.at}-${i}`} className="border-t border-slate-100 py-1 dark:border-slate-800">
                {utc(f.at)} · {f.errorClass ?? "FAILED"} · {f.message ?? ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </ChartWithTable>
  );
}
