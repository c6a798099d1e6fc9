import Link from "next/link";
import { Wrench } from "lucide-react";
import type { ServiceView } from "@/lib/services/views";
import { StateReason } from "@/components/status/StateReason";
import { StatusBadge } from "@/components/status/StatusBadge";
import { InstanceTile } from "./InstanceTile";

export function ServiceCard({ service }: { service: ServiceView }) {
  return (
    <section
      aria-labelledby={`svc-${service.id}`}
      data-testid="service-card"
      className="rounded-lg border border-slate-200 bg-slate-100/60 p-4 dark:border-slate-800 dark:bg-slate-900/60"
    >
      <header className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id={`svc-${service.id}`} className="text-lg font-semibold">
            {service.name}
          </h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {service.owner || "no owner"} · SLO {service.sloTargetPct}%{service.description ? ` · ${service.description}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {service.inMaintenance && (
            <span className="inline-flex items-center gap-1 text-xs text-violet-800 dark:text-violet-300">
              <Wrench aria-hidden className="size-3.5" /> in maintenance
            </span>
          )}
          {service.openFaults > 0 && (
            <Link href="/faults" className="text-xs font-semibold text-red-700 underline-offset-2 hover:underline dark:text-red-400">
              {service.openFaults} open {service.openFaults === 1 ? "fault" : "faults"}
            </Link>
          )}
          <StatusBadge status={service.state} size="md" />
        </div>
      </header>
      <div className="-mt-1 mb-2">
        <StateReason state={service.state} reason={service.stateReason} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {service.pools.map((pool) => (
          <div key={pool.id} data-testid="pool" data-role={pool.role}>
            <div className="mb-1.5 flex items-center gap-2 text-sm">
              <span className="font-medium">{pool.name}</span>
              <span
                className={`rounded px-1.5 py-0.5 text-[11px] font-bold tracking-wide ${
                  pool.role === "ACTIVE"
                    ? "border border-transparent bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                    : "border border-slate-400 text-slate-600 dark:text-slate-300"
                }`}
              >
                {pool.role}
              </span>
              <StatusBadge status={pool.state} />
            </div>
            <ul className="grid gap-1.5">
              {pool.instances.map((i) => (
                <InstanceTile key={i.id} instance={i} />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
