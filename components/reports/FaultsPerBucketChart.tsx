"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartWithTable } from "@/components/common/ChartWithTable";
import type { ReliabilityReport } from "@/lib/reports/reliability";
import { bucketLabel, color, DataTable, tick } from "./chart-kit";

/** Faults that started in each day (hour, for short ranges), stacked by fault type. */
export function FaultsPerBucketChart({ report }: { report: ReliabilityReport }) {
  const per = report.bucketMs < 86_400_000 ? "hour" : "day";
  const data = report.faultsPerBucket.map((b) => ({ label: bucketLabel(b.t, report.bucketMs), ...b.byType }));
  return (
    <ChartWithTable
      id="chart-faults"
      title={`Faults per ${per} by type`}
      caption={`Fault records that started in each ${per} (UTC), stacked by type; the table view lists the same counts.`}
      chart={
        <BarChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--chart-grid)" minTickGap={16} />
          <YAxis allowDecimals={false} tick={tick} stroke="var(--chart-grid)" width={40} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {report.types.map((t, i) => (
            <Bar key={t} dataKey={t} name={t} stackId="faults" fill={color(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      }
      table={
        <DataTable
          caption={`Faults per ${per} by type`}
          head={[`${per === "day" ? "Day" : "Hour"} (UTC)`, ...report.types, "Total"]}
          rows={report.faultsPerBucket
            .filter((b) => b.total > 0)
            .map((b) => [b.t.slice(0, per === "day" ? 10 : 16).replace("T", " "), ...report.types.map((t) => b.byType[t] ?? 0), b.total])}
        />
      }
    />
  );
}
