"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartWithTable } from "@/components/common/ChartWithTable";
import { pct } from "@/lib/reports/explain";
import type { ReliabilityReport } from "@/lib/reports/reliability";
import { bucketLabel, color, DataTable, tick } from "./chart-kit";

/** Availability of each service per day (per hour for short ranges). */
export function AvailabilityChart({ report }: { report: ReliabilityReport }) {
  const per = report.bucketMs < 86_400_000 ? "hour" : "day";
  const data = report.faultsPerBucket.map((b, i) => ({
    label: bucketLabel(b.t, report.bucketMs),
    ...Object.fromEntries(report.services.map((s) => [s.name, s.series[i]?.availabilityPct ?? null])),
  }));
  const lowest = Math.min(100, ...report.services.flatMap((s) => s.series.map((p) => p.availabilityPct ?? 100)));
  return (
    <ChartWithTable
      id="chart-availability"
      title={`Availability per ${per}`}
      caption={`Availability of each service per ${per} (UTC), maintenance excluded; the table view lists the same percentages.`}
      chart={
        <LineChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--chart-grid)" minTickGap={16} />
          <YAxis domain={[Math.max(0, Math.floor(lowest - 1)), 100]} tick={tick} stroke="var(--chart-grid)" width={44} unit="%" />
          <Tooltip formatter={(v) => pct(typeof v === "number" ? v : null)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {report.services.map((s, i) => (
            <Line key={s.serviceId} dataKey={s.name} stroke={color(i)} strokeWidth={2} dot={data.length <= 31} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      }
      table={
        <DataTable
          caption={`Availability per ${per}`}
          head={[`${per === "day" ? "Day" : "Hour"} (UTC)`, ...report.services.map((s) => s.name)]}
          rows={report.faultsPerBucket.map((b, i) => [
            b.t.slice(0, per === "day" ? 10 : 16).replace("T", " "),
            ...report.services.map((s) => pct(s.series[i]?.availabilityPct ?? null)),
          ])}
        />
      }
    />
  );
}
