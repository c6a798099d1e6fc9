"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartWithTable } from "@/components/common/ChartWithTable";
import { dur } from "@/lib/reports/explain";
import type { ReliabilityReport } from "@/lib/reports/reliability";
import { bucketLabel, DataTable, tick } from "./chart-kit";

/** MTTR of the faults that started in each day (hour), selected services together. */
export function MttrTrendChart({ report }: { report: ReliabilityReport }) {
  const per = report.bucketMs < 86_400_000 ? "hour" : "day";
  const data = report.mttrTrend.map((m) => ({ label: bucketLabel(m.t, report.bucketMs), minutes: m.mttr.ms === null ? null : m.mttr.ms / 60_000 }));
  return (
    <ChartWithTable
      id="chart-mttr"
      title="MTTR trend"
      caption={`Mean time to resolve of the faults that started in each ${per}; the table view lists the same figures with their counts.`}
      chart={
        <LineChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--chart-grid)" minTickGap={16} />
          <YAxis tick={tick} stroke="var(--chart-grid)" width={44} unit=" min" />
          <Tooltip formatter={(v) => (typeof v === "number" ? dur(v * 60_000) : "—")} />
          <Line dataKey="minutes" name="MTTR" stroke="var(--chart-p95)" strokeWidth={2} dot connectNulls isAnimationActive={false} />
        </LineChart>
      }
      table={
        <DataTable
          caption="MTTR per bucket"
          head={[`${per === "day" ? "Day" : "Hour"} (UTC)`, "MTTR", "Resolved faults", "Σ time to resolve"]}
          rows={report.mttrTrend
            .filter((m) => m.mttr.n > 0)
            .map((m) => [m.t.slice(0, per === "day" ? 10 : 16).replace("T", " "), dur(m.mttr.ms), m.mttr.n, dur(m.mttr.sumMs)])}
        />
      }
    />
  );
}
