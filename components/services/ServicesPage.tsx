"use client";

import { PageTitle } from "@/components/common/PageTitle";
import { QueryState } from "@/components/common/QueryState";
import { StatusBadge } from "@/components/status/StatusBadge";
import { useServicesQuery } from "@/lib/queries/use-services-query";

export function ServicesPage() {
  const { data, isLoading, error } = useServicesQuery();
  const services = data?.items ?? [];
  return (
    <>
      <PageTitle title="Services" subtitle="Services with their active and standby pools." />
      <QueryState isLoading={isLoading} error={error} empty={services.length === 0} emptyText="No services yet.">
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm dark:bg-slate-900">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th className="px-3 py-2">Service</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Owner</th>
              <th className="px-3 py-2">Active pool</th>
              <th className="px-3 py-2">Standby</th>
              <th className="px-3 py-2 text-right">Instances up</th>
              <th className="px-3 py-2 text-right">SLO</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => {
              const instances = s.pools.flatMap((p) => p.instances);
              const up = instances.filter((i) => i.state === "UP").length;
              return (
                <tr key={s.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="px-3 py-2 font-medium">{s.name}</td>
                  <td className="px-3 py-2"><StatusBadge status={s.state} /></td>
                  <td className="px-3 py-2">{s.owner}</td>
                  <td className="px-3 py-2 font-mono">{s.pools.filter((p) => p.role === "ACTIVE").map((p) => p.name).join(", ")}</td>
                  <td className="px-3 py-2 font-mono">{s.pools.filter((p) => p.role === "STANDBY").map((p) => p.name).join(", ") || "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{up} / {instances.length}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{s.sloTargetPct}%</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </QueryState>
    </>
  );
}
