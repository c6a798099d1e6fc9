"use client";

import { Plus, Wrench } from "lucide-react";
import { FirstSteps } from "@/components/inventory/FirstSteps";
import { AddServiceDialog } from "@/components/inventory/ServiceDialogs";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/auth/ActorProvider";
import { PageTitle } from "@/components/common/PageTitle";
import { QueryState } from "@/components/common/QueryState";
import { ui } from "@/components/common/ui";
import { StatusBadge } from "@/components/status/StatusBadge";
import type { ServiceView } from "@/lib/services/views";
import { useServicesQuery } from "@/lib/queries/use-services-query";
import { DriftCount } from "./detail/DriftBadge";
import { MaintenanceDialog } from "./MaintenanceDialog";
import { MaintenanceList } from "./MaintenanceList";

export function ServicesPage() {
  const { data, isLoading, error } = useServicesQuery();
  const canOperate = useCan("OPERATOR");
  const [maintaining, setMaintaining] = useState<ServiceView | null>(null);
  const [adding, setAdding] = useState(false);
  const services = data?.items ?? [];
  return (
    <>
      <PageTitle
        title="Services"
        subtitle="Services with their active and standby pools."
        actions={
          canOperate ? (
            <button type="button" className={`${ui.primary} inline-flex items-center gap-1`} onClick={() => setAdding(true)}>
              <Plus aria-hidden className="size-4" /> Add service
            </button>
          ) : undefined
        }
      />
      {canOperate && <AddServiceDialog open={adding} onClose={() => setAdding(false)} />}
      <QueryState
        isLoading={isLoading}
        error={error}
        empty={services.length === 0}
        emptyText={<FirstSteps canOperate={canOperate} onAdd={() => setAdding(true)} />}
      >
        <div className={ui.scroll}>
          <table className={ui.table}>
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Service</th>
                <th className={ui.th}>State</th>
                <th className={ui.th}>Owner</th>
                <th className={ui.th}>Active pool</th>
                <th className={ui.th}>Standby</th>
                <th className={`${ui.th} text-right`}>Instances up</th>
                <th className={`${ui.th} text-right`}>Open faults</th>
                <th className={`${ui.th} text-right`}>SLO</th>
                {canOperate && (
                  <th className={ui.th}>
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {services.map((s) => {
                const instances = s.pools.flatMap((p) => p.instances);
                const up = instances.filter((i) => i.state === "UP").length;
                const maintained = instances.filter((i) => i.inMaintenance).length;
                return (
                  <tr key={s.id} className={ui.tr}>
                    <td className={`${ui.td} font-medium`}>
                      <Link href={`/services/${s.id}`} className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
                        {s.name}
                      </Link>
                      {s.driftCount > 0 && (
                        <span className="ml-2">
                          <DriftCount count={s.driftCount} />
                        </span>
                      )}
                      {(s.inMaintenance || maintained > 0) && (
                        <span className="ml-2 inline-flex items-center gap-1 text-xs font-normal text-violet-800 dark:text-violet-300">
                          <Wrench aria-hidden className="size-3" />
                          {s.inMaintenance ? "in maintenance" : `${maintained} in maintenance`}
                        </span>
                      )}
                    </td>
                    <td className={ui.td}>
                      <StatusBadge status={s.state} />
                    </td>
                    <td className={ui.td}>{s.owner}</td>
                    <td className={`${ui.td} font-mono`}>
                      {s.pools
                        .filter((p) => p.role === "ACTIVE")
                        .map((p) => p.name)
                        .join(", ")}
                    </td>
                    <td className={`${ui.td} font-mono`}>
                      {s.pools
                        .filter((p) => p.role === "STANDBY")
                        .map((p) => p.name)
                        .join(", ") || "—"}
                    </td>
                    <td className={`${ui.td} text-right tabular-nums`}>
                      {up} / {instances.length}
                    </td>
                    <td className={`${ui.td} text-right tabular-nums ${s.openFaults ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{s.openFaults}</td>
                    <td className={`${ui.td} text-right tabular-nums`}>{s.sloTargetPct}%</td>
                    {canOperate && (
                      <td className={`${ui.td} text-right`}>
                        <button type="button" className={ui.button} aria-label={`Maintenance for ${s.name}`} onClick={() => setMaintaining(s)}>
                          Maintenance…
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <MaintenanceList services={services} canOperate={canOperate} />
      </QueryState>
      {canOperate && <MaintenanceDialog service={maintaining} onClose={() => setMaintaining(null)} />}
    </>
  );
}
