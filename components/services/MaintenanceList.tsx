"use client";

import { Wrench } from "lucide-react";
import { useState } from "react";
import { QueryState } from "@/components/common/QueryState";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { useNow } from "@/components/common/use-now";
import type { MaintenanceView } from "@/lib/maintenance/maintenance-windows";
import type { ServiceView } from "@/lib/services/views";
import { useCancelMaintenance, useMaintenanceQuery } from "@/lib/queries/use-maintenance";

/** "service checkout" / "instance checkout-blue-1 (checkout)", from the services already loaded. */
function targetName(w: MaintenanceView, services: ServiceView[]): string {
  if (w.serviceId) return `service ${services.find((s) => s.id === w.serviceId)?.name ?? w.serviceId}`;
  for (const s of services) {
    const i = s.pools.flatMap((p) => p.instances).find((x) => x.id === w.instanceId);
    if (i) return `instance ${i.name} (${s.name})`;
  }
  return `instance ${w.instanceId}`;
}

/**
 * Current and upcoming maintenance windows (a list, not a table: few items, each with its own
 * action). Operators can end one now.
 */
export function MaintenanceList({ services, canOperate }: { services: ServiceView[]; canOperate: boolean }) {
  const q = useMaintenanceQuery();
  const cancel = useCancelMaintenance();
  const [pending, setPending] = useState<MaintenanceView | null>(null);
  const now = useNow(5_000);
  const windows = (q.data?.items ?? []).filter((w) => !w.cancelledAt && Date.parse(w.endsAt) > now);
  return (
    <section aria-labelledby="maint-h" className="mt-8">
      <h2 id="maint-h" className="mb-1 text-lg font-semibold">
        Maintenance windows
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Current and upcoming. Checks go on; no faults are opened for a service or instance while its window is active.
        {canOperate ? " Use “Maintenance…” on a service to add one." : ""}
      </p>
      <QueryState isLoading={q.isLoading} error={q.error} empty={windows.length === 0} emptyText="Nothing is in maintenance, and none is scheduled.">
        <ul className="grid gap-2">
          {windows.map((w) => {
            const active = Date.parse(w.startsAt) <= now;
            const name = targetName(w, services);
            return (
              <li
                key={w.id}
                data-testid="maintenance-window"
                className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
              >
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <Wrench aria-hidden className="size-4 text-violet-700 dark:text-violet-300" />
                    <span className="font-mono font-medium">{name}</span>
                    <span
                      className={`rounded px-1.5 py-0.5 text-[11px] font-bold ${active ? "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
                    >
                      {active ? "ACTIVE" : "UPCOMING"}
                    </span>
                  </div>
                  <div className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
                    <span className="font-mono">
                      {utc(w.startsAt)} → {utc(w.endsAt)}
                    </span>{" "}
                    · {w.reason} · by {w.createdBy}
                  </div>
                </div>
                {canOperate && (
                  <button type="button" className={ui.danger} aria-label={`End maintenance of ${name}`} onClick={() => setPending(w)}>
                    {active ? "End now" : "Cancel"}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </QueryState>
      <ReasonDialog
        open={pending !== null}
        title={pending ? `End maintenance of ${targetName(pending, services)}?` : ""}
        confirmLabel="End maintenance"
        danger
        busy={cancel.isPending}
        error={cancel.error?.message ?? null}
        onClose={() => {
          setPending(null);
          cancel.reset();
        }}
        onConfirm={(reason) => pending && cancel.mutate({ id: pending.id, reason: reason || undefined }, { onSuccess: () => setPending(null) })}
      >
        Faults are opened again for it from the next failing checks on.
      </ReasonDialog>
    </section>
  );
}
