"use client";

import { ChartColumn, Table2 } from "lucide-react";
import { useMemo, useState } from "react";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { QueryState } from "@/components/common/QueryState";
import { ui } from "@/components/common/ui";
import type { ServiceTrafficView } from "@/lib/services/views";
import { useServiceTraffic } from "@/lib/queries/use-service-traffic";
import { card, heading, perSecond } from "./format";

const MINUTES = 15;

// Mid-tone colours readable on both the light and the dark theme.
const PALETTE = ["#0284c7", "#7c3aed", "#059669", "#d97706", "#db2777", "#0891b2", "#65a30d", "#dc2626", "#4f46e5", "#ca8a04"];

/**
 * A colour per instance by its name's rank, not by the list's order: the API lists the ACTIVE pool
 * first, and an instance must not change colour when a failover swaps the pools.
 */
function colours(view: ServiceTrafficView): Map<string, string> {
  const byName = [...view.instances].sort((a, b) => a.name.localeCompare(b.name));
  return new Map(byName.map((i, n) => [i.id, PALETTE[n % PALETTE.length]!]));
}

/** `13:56:05` (UTC). */
const clock = (t: number) => new Date(t).toISOString().slice(11, 19);

type Row = { t: number } & Record<string, number>;

function rows(view: ServiceTrafficView | undefined): Row[] {
  if (!view) return [];
  return view.points.map((p) => {
    const row: Row = { t: Date.parse(p.at) };
    for (const i of view.instances) row[i.id] = typeof p[i.id] === "number" ? (p[i.id] as number) : 0;
    return row;
  });
}

function Legend({ view }: { view: ServiceTrafficView }) {
  const colour = colours(view);
  return (
    <ul className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
      {view.instances.map((i) => (
        <li key={i.id} className="inline-flex items-center gap-1.5">
          <svg aria-hidden width="12" height="10">
            <rect width="12" height="10" fill={colour.get(i.id)} fillOpacity="0.7" />
          </svg>
          <span className="font-mono">{i.name}</span>
          {i.role === "STANDBY" && <span className="text-slate-500">(standby)</span>}
        </li>
      ))}
      <li className="text-slate-500">req/s per {view.bucketSec} s, stacked · times in UTC</li>
    </ul>
  );
}

function Tip({ active, payload, label, view }: { active?: boolean; payload?: readonly { payload?: unknown }[]; label?: unknown; view: ServiceTrafficView }) {
  const p = payload?.[0]?.payload as Row | undefined;
  if (!active || !p) return null;
  const total = view.instances.reduce((s, i) => s + (p[i.id] ?? 0), 0);
  return (
    <div className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900">
      <div className="font-mono font-semibold">{clock(Number(label))}Z</div>
      {view.instances.map((i) => (
        <div key={i.id} className="flex justify-between gap-3 font-mono">
          <span>{i.name}</span>
          <span className="tabular-nums">{perSecond(p[i.id])}</span>
        </div>
      ))}
      <div className="mt-0.5 flex justify-between gap-3 border-t border-slate-200 pt-0.5 font-semibold dark:border-slate-700">
        <span>total</span>
        <span className="tabular-nums">{perSecond(total)} req/s</span>
      </div>
    </div>
  );
}

function Chart({ view, data }: { view: ServiceTrafficView; data: Row[] }) {
  const tick = { fill: "var(--chart-axis)", fontSize: 11 };
  const colour = colours(view);
  return (
    <AreaChart responsive data={data} style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
      <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={["dataMin", "dataMax"]}
        tickFormatter={(t: number) => clock(t).slice(0, 5)}
        tick={tick}
        stroke="var(--chart-grid)"
        minTickGap={32}
      />
      <YAxis tick={tick} stroke="var(--chart-grid)" width={44} />
      {view.instances.map((i) => (
        <Area
          key={i.id}
          dataKey={i.id}
          name={i.name}
          stackId="req"
          type="monotone"
          stroke={colour.get(i.id)}
          fill={colour.get(i.id)}
          fillOpacity={0.35}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      ))}
      <Tooltip content={(props) => <Tip active={props.active} payload={props.payload} label={props.label} view={view} />} />
    </AreaChart>
  );
}

function TrafficTable({ view, data }: { view: ServiceTrafficView; data: Row[] }) {
  return (
    <div className="max-h-96 overflow-auto">
      <table className={ui.table}>
        <caption className="sr-only">Requests per second per instance</caption>
        <thead className={`${ui.thead} sticky top-0`}>
          <tr>
            <th className={ui.th}>Time (UTC)</th>
            {view.instances.map((i) => (
              <th key={i.id} className={`${ui.th} text-right font-mono normal-case`}>
                {i.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {[...data].reverse().map((r) => (
            <tr key={r.t} className={ui.tr}>
              <td className={`${ui.td} font-mono text-xs`}>{clock(r.t)}Z</td>
              {view.instances.map((i) => (
                <td key={i.id} className={`${ui.td} text-right`}>
                  {perSecond(r[i.id])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Requests per second through HAProxy per instance over the last 15 minutes; a table of the same numbers on request. */
export function TrafficChart({ serviceId }: { serviceId: string }) {
  const [asTable, setAsTable] = useState(false);
  const q = useServiceTraffic(serviceId, MINUTES);
  const data = useMemo(() => rows(q.data), [q.data]);
  return (
    <section aria-labelledby="traffic-h" className={`${card} min-w-0`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="traffic-h" className={heading}>
          Traffic, last {MINUTES} min
        </h2>
        <button type="button" aria-pressed={asTable} className={`${ui.button} inline-flex items-center gap-1`} onClick={() => setAsTable(!asTable)}>
          {asTable ? <ChartColumn aria-hidden className="size-4" /> : <Table2 aria-hidden className="size-4" />}
          {asTable ? "Chart view" : "Table view"}
        </button>
      </div>
      <QueryState
        isLoading={q.isLoading}
        error={q.data ? null : q.error}
        empty={data.length === 0}
        emptyText="No traffic figures yet: HAProxy's counters are sampled every 5 seconds."
      >
        {q.data &&
          (asTable ? (
            <TrafficTable view={q.data} data={data} />
          ) : (
            <figure>
              <Legend view={q.data} />
              <Chart view={q.data} data={data} />
              <figcaption className="sr-only">Requests per second per instance, stacked; the table view lists the same numbers.</figcaption>
            </figure>
          ))}
      </QueryState>
    </section>
  );
}
