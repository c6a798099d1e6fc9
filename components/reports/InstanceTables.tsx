"use client";

import { dur } from "@/lib/reports/explain";
import type { NamedInstanceFigures, ReliabilityReport } from "@/lib/reports/reliability";
import { DataTable } from "./chart-kit";

const card = "rounded-lg border border-slate-200 bg-white p-4 break-inside-avoid dark:border-slate-800 dark:bg-slate-900";
const heading = "mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";

function Block({
  id,
  title,
  rows,
  empty,
  head,
  cells,
}: {
  id: string;
  title: string;
  rows: NamedInstanceFigures[];
  empty: string;
  head: string[];
  cells: (i: NamedInstanceFigures) => (string | number)[];
}) {
  return (
    <section aria-labelledby={`${id}-h`} className={card} data-testid={id}>
      <h2 id={`${id}-h`} className={heading}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <DataTable caption={title} head={head} rows={rows.map((i) => [i.name, i.serviceName, ...cells(i)])} />
      )}
    </section>
  );
}

/** Top 10 instances by faults and by downtime, and the flapping ones. */
export function InstanceTables({ report }: { report: ReliabilityReport }) {
  return (
    <div className="grid gap-4 xl:grid-cols-3">
      <Block
        id="top-faults"
        title="Top 10 instances by faults"
        rows={report.topByFaults}
        empty="No instance faults in this range."
        head={["Instance", "Service", "Faults", "Down"]}
        cells={(i) => [i.faults, dur(i.downMs)]}
      />
      <Block
        id="top-downtime"
        title="Top 10 instances by downtime"
        rows={report.topByDowntime}
        empty="No instance was down in this range."
        head={["Instance", "Service", "Down", "Faults"]}
        cells={(i) => [dur(i.downMs), i.faults]}
      />
      <Block
        id="flapping"
        title="Flapping instances"
        rows={report.flapping}
        empty="No instance flapped in this range."
        head={["Instance", "Service", "Flapping faults", "Flaps"]}
        cells={(i) => [i.flappingFaults, i.flaps]}
      />
    </div>
  );
}
