"use client";

import { PageTitle } from "@/components/common/PageTitle";
import { FirstSteps } from "@/components/inventory/FirstSteps";
import { QueryState } from "@/components/common/QueryState";
import { useServicesQuery } from "@/lib/queries/use-services-query";
import { PollerPanel } from "./PollerPanel";
import { ServiceCard } from "./ServiceCard";
import { StatusSummary } from "./StatusSummary";

export function OverviewPage() {
  const { data, isLoading, error } = useServicesQuery();
  const services = data?.items ?? [];
  return (
    <>
      <PageTitle title="Overview" subtitle="Every service, its pools and instances — live, refreshed every 2 s." />
      <QueryState
        isLoading={isLoading}
        error={error}
        empty={services.length === 0}
        emptyText={
          <>
            <FirstSteps canOperate={false} />
            <span className="mt-1 block">
              Or try Faultline on a simulated fleet: <code className="font-mono">npm run demo</code>.
            </span>
          </>
        }
      >
        <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
          <StatusSummary services={services} />
          <PollerPanel />
        </div>
        <div className="grid gap-4 2xl:grid-cols-2">
          {services.map((s) => (
            <ServiceCard key={s.id} service={s} />
          ))}
        </div>
      </QueryState>
    </>
  );
}
