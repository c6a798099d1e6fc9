"use client";

import { useState } from "react";
import { PageTitle } from "@/components/common/PageTitle";
import { QueryState } from "@/components/common/QueryState";
import { utc } from "@/components/common/time";
import { useReliabilityReport } from "@/lib/queries/use-reliability-report";
import { useServicesQuery } from "@/lib/queries/use-services-query";
import { AvailabilityChart } from "./AvailabilityChart";
import { BurnChart } from "./BurnChart";
import { FaultsPerBucketChart } from "./FaultsPerBucketChart";
import { IncidentTimeline } from "./IncidentTimeline";
import { InstanceTables } from "./InstanceTables";
import { MttrTrendChart } from "./MttrTrendChart";
import { presetRange, RangePicker, type ReportRange } from "./RangePicker";
import { ServiceFigures } from "./ServiceFigures";

type Tab = "reliability" | "review";

/**
 * Reliability reports and incident review of a chosen range. `now` comes from the server render so
 * the first client render shows the same range (no hydration mismatch).
 */
export function ReportsPage({ now }: { now: number }) {
  const services = useServicesQuery().data?.items ?? [];
  const [range, setRange] = useState<ReportRange>(() => ({ choice: "7d", ...presetRange("7d", now) }));
  const [tab, setTab] = useState<Tab>("reliability");
  const params = { from: range.from, to: range.to, serviceId: range.serviceId };
  const q = useReliabilityReport(params);
  const report = q.data;
  return (
    <>
      <PageTitle title="Reports" subtitle={`Availability, mean times, SLO budgets and the incident timeline · ${utc(range.from)} – ${utc(range.to)} (UTC)`} />
      <RangePicker value={range} onChange={setRange} services={services} />
      <div role="tablist" aria-label="Report" className="mb-4 flex gap-1 border-b border-slate-200 print:hidden dark:border-slate-800">
        {(
          [
            ["reliability", "Reliability"],
            ["review", "Incident review"],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            role="tab"
            type="button"
            aria-selected={tab === id}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === id ? "border-slate-900 font-semibold dark:border-slate-100" : "border-transparent text-slate-600 dark:text-slate-400"}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === "review" ? (
        <IncidentTimeline range={params} />
      ) : (
        <QueryState isLoading={q.isLoading} error={q.error} empty={report?.services.length === 0} emptyText="No services yet.">
          {report && (
            <div className="grid gap-4">
              <ServiceFigures report={report} />
              <p className="text-xs text-slate-600 dark:text-slate-400">
                Hover or focus a figure for its formula and the counts behind it. Availability counts the time a service had at least one healthy instance in
                its active pool, over the range minus maintenance.
              </p>
              <div className="grid gap-4 xl:grid-cols-2 *:min-w-0">
                <BurnChart report={report} />
                <AvailabilityChart report={report} />
                <FaultsPerBucketChart report={report} />
                <MttrTrendChart report={report} />
              </div>
              <InstanceTables report={report} />
            </div>
          )}
        </QueryState>
      )}
    </>
  );
}
