"use client";

import { StateReason } from "@/components/status/StateReason";
import { Wrench } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/auth/ActorProvider";
import { PageTitle } from "@/components/common/PageTitle";
import { QueryState } from "@/components/common/QueryState";
import { StatusBadge } from "@/components/status/StatusBadge";
import type { ServiceDetailView } from "@/lib/services/views";
import { ApiError } from "@/lib/queries/fetch-json";
import { useServiceDetail } from "@/lib/queries/use-service-detail";
import { DriftCount } from "./DriftBadge";
import { FailoverDialog, type FailoverRequest } from "./FailoverDialog";
import { FailoverHistory } from "./FailoverHistory";
import { PolicyPanel } from "./PolicyPanel";
import { PoolsTable } from "./PoolsTable";
import { ServiceFailoverActions } from "./ServiceFailoverActions";
import { TrafficChart } from "./TrafficChart";

const link = "underline-offset-2 hover:underline";

function Service({ service, stale }: { service: ServiceDetailView; stale: Error | null }) {
  const canOperate = useCan("OPERATOR");
  const [failover, setFailover] = useState<FailoverRequest | null>(null);
  return (
    <>
      <PageTitle
        title={service.name}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="service-state">
              <StatusBadge status={service.state} />
            </span>
            <StateReason state={service.state} reason={service.stateReason} />
            <DriftCount count={service.driftCount} />
            {service.inMaintenance && (
              <span className="inline-flex items-center gap-1 text-xs text-violet-800 dark:text-violet-300">
                <Wrench aria-hidden className="size-3" /> in maintenance
              </span>
            )}
            <span>
              {[service.description, service.owner, `SLO ${service.sloTargetPct}%`].filter(Boolean).join(" · ")} ·{" "}
              {service.openFaults > 0 ? (
                <Link href="/faults" className={`${link} font-semibold text-red-700 dark:text-red-400`}>
                  {service.openFaults} open fault{service.openFaults === 1 ? "" : "s"}
                </Link>
              ) : (
                "no open faults"
              )}{" "}
              ·{" "}
              <Link href="/services" className={link}>
                all services
              </Link>
            </span>
          </span>
        }
        actions={canOperate ? <ServiceFailoverActions service={service} onOpen={setFailover} /> : undefined}
      />
      {stale && (
        <p role="status" className="mb-3 text-sm text-amber-800 dark:text-amber-300">
          Could not refresh ({stale.message}); showing the last figures.
        </p>
      )}
      <PoolsTable service={service} canOperate={canOperate} />
      <div className="mb-4 grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <TrafficChart serviceId={service.id} />
        <PolicyPanel service={service} canOperate={canOperate && service.managedBy === null} />
      </div>
      <FailoverHistory failovers={service.failovers} />
      {canOperate && <FailoverDialog service={service} request={failover} onClose={() => setFailover(null)} />}
    </>
  );
}

/** One service during an incident: pools and instances as HAProxy sees them, traffic, policy, failovers — and the controls for operators. */
export function ServiceDetailPage({ serviceId }: { serviceId: string }) {
  const q = useServiceDetail(serviceId);
  if (q.error instanceof ApiError && q.error.status === 404) {
    return (
      <>
        <PageTitle title="Service not found" />
        <QueryState
          isLoading={false}
          error={null}
          empty
          emptyText={
            <>
              There is no such service.{" "}
              <Link href="/services" className="underline">
                Back to the services
              </Link>
              .
            </>
          }
        >
          {null}
        </QueryState>
      </>
    );
  }
  // Live page: once loaded, a failed refresh keeps the last data on screen with a note.
  if (q.data) return <Service service={q.data} stale={q.error} />;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} empty={false} emptyText="">
      {null}
    </QueryState>
  );
}
