"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartWithTable } from "@/components/common/ChartWithTable";
import { pct } from "@/lib/reports/explain";
import type { ReliabilityReport } from "@/lib/reports/reliability";
import { bucketLabel, color, DataTable, tick } from "./chart-kit";

/** Error budget remaining over the range, per service, against an even burn. */
export function BurnChart({ report }: { report: ReliabilityReport }) {
  const first = report.services[0];
  const data = report.faultsPerBucket.map((b, i) => ({
    label: bucketLabel(b.t, report.bucketMs),
    "even burn": first?.burn[i]?.evenPct ?? null,
    ...Object.fromEntries(report.services.map((s) => [s.name, s.burn[i]?.remainingPct ?? null])),
  }));
  return (
    <ChartWithTable
      id="chart-burn"
      title="SLO error budget remaining"
      caption="Share of each service's error budget left at the end of each bucket; the dashed line is an even burn over the range. The table view lists the same percentages."
      chart={
        <LineChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--chart-grid)" minTickGap={16} />
          <YAxis tick={tick} stroke="var(--chart-grid)" width={60} unit="%" />
          <ReferenceLine y={0} stroke="var(--chart-failures)" />
          <Tooltip formatter={(v) => pct(typeof v === "number" ? v : null, 1)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="even burn" stroke="var(--chart-axis)" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
          {report.services.map((s, i) => (
            <Line key={s.serviceId} dataKey={s.name} stroke={color(i)} strokeWidth={2} dot={data.length <= 31} isAnimationActive={false} />
          ))}
        </LineChart>
      }
      table={
        <DataTable
          caption="Error budget remaining per bucket"
          head={["End of bucket (UTC)", ...report.services.map((s) => `${s.name} (budget ${s.slo.targetPct} %)`)]}
          rows={report.faultsPerBucket.map((b, i) => [
            b.t.slice(0, 16).replace("T", " "),
            ...report.services.map((s) => pct(s.burn[i]?.remainingPct ?? null, 1)),
          ])}
        />
      }
    />
  );
}
