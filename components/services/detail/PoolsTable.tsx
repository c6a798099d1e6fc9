"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { useCan } from "@/components/auth/ActorProvider";
import { InstanceDialog, type InstanceTarget } from "@/components/inventory/InstanceDialog";
import { AddPoolDialog, CheckDefaultsDialog, RemoveDialog } from "@/components/inventory/ServiceDialogs";
import { ui } from "@/components/common/ui";
import { StatusBadge } from "@/components/status/StatusBadge";
import type { AdminState } from "@/lib/status/vocabulary";
import type { InstanceView, ServiceDetailView } from "@/lib/services/views";
import { AdminStateDialog } from "./AdminStateDialog";
import { card, heading, muted } from "./format";
import type { InstanceAction } from "./InstanceActionsMenu";
import { InstanceRow } from "./InstanceRow";
import { WeightDialog } from "./WeightDialog";

const isAdminState = (a: InstanceAction): a is AdminState => a === "READY" || a === "DRAIN" || a === "MAINT";

const COLUMNS = ["Instance", "Health", "HAProxy", "Weight", "Drift", "Sessions", "req/s", "5xx/s", "p50, 30 min"];
const RIGHT = new Set(["Sessions", "req/s", "5xx/s"]);

/** The service's pools, ACTIVE first, each with its instances; operators get a menu of actions per instance. */
export function PoolsTable({ service, canOperate }: { service: ServiceDetailView; canOperate: boolean }) {
  const [pending, setPending] = useState<{ instanceId: string; action: InstanceAction } | null>(null);
  const [adding, setAdding] = useState<InstanceTarget | null>(null);
  const [addingPool, setAddingPool] = useState(false);
  const [editingDefaults, setEditingDefaults] = useState(false);
  const canAdmin = useCan("ADMIN");
  // Managed by FAULTLINE_CONFIG_FILE: pools, instances and checks are edited in the file.
  const managed = service.managedBy !== null;
  const canEdit = canOperate && !managed;
  const traffic = new Map(service.traffic.map((t) => [t.instanceId, t]));
  const pools = [...service.pools].sort((a, b) => (a.role === b.role ? a.priority - b.priority : a.role === "ACTIVE" ? -1 : 1));
  // Looked up on every render: the dialogs show the instance as the live data has it.
  const target: InstanceView | null = pending ? (service.pools.flatMap((p) => p.instances).find((i) => i.id === pending.instanceId) ?? null) : null;
  return (
    <section aria-labelledby="pools-h" className={`${card} mb-4`}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="pools-h" className={heading}>
          Pools and instances
        </h2>
        {managed && (
          <span data-testid="managed-by" className={`text-sm ${muted}`}>
            Managed by <code className="font-mono">{service.managedBy}</code> — edit the file to change pools, instances and checks.
          </span>
        )}
        {canEdit && (
          <span className="flex gap-2">
            <button type="button" className={ui.button} onClick={() => setEditingDefaults(true)}>
              Check defaults…
            </button>
            <button type="button" className={`${ui.button} inline-flex items-center gap-1`} onClick={() => setAddingPool(true)}>
              <Plus aria-hidden className="size-4" /> Add pool
            </button>
          </span>
        )}
      </div>
      {pools.length === 0 && <p className={`text-sm ${muted}`}>No pools yet. Add an ACTIVE pool, then its instances and their health checks.</p>}
      <div className="grid grid-cols-1 gap-4">
        {pools.map((pool) => (
          <div key={pool.id} data-testid="pool" data-pool={pool.name} data-role={pool.role}>
            <h3 className="mb-1.5 flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono font-semibold">{pool.name}</span>
              <span
                data-testid="pool-role"
                className={`rounded px-1.5 py-0.5 text-xs font-semibold ${pool.role === "ACTIVE" ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
              >
                {pool.role}
              </span>
              <StatusBadge status={pool.state} />
              <span className={`text-xs ${muted}`}>
                {pool.role === "STANDBY" ? "HAProxy backup servers: serve only when no ACTIVE instance can" : "takes the traffic"}
              </span>
              {canEdit && (
                <button
                  type="button"
                  className={`${ui.button} ml-auto inline-flex items-center gap-1 text-xs`}
                  onClick={() => setAdding({ mode: "create", poolId: pool.id, poolName: pool.name, defaults: service.checkDefaults })}
                >
                  <Plus aria-hidden className="size-3.5" /> Add instance
                </button>
              )}
            </h3>
            <div className={ui.scroll}>
              <table className={ui.table} aria-label={`Instances of ${pool.name}`}>
                <thead className={ui.thead}>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c} className={`${ui.th} ${RIGHT.has(c) ? "text-right" : ""} ${c === "Weight" ? "whitespace-nowrap" : ""}`}>
                        {c === "Weight" ? <span title="Desired (Faultline) / actual (HAProxy)">Weight want / HAProxy</span> : c}
                      </th>
                    ))}
                    {canOperate && (
                      <th className={ui.th}>
                        <span className="sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {pool.instances.map((i) => (
                    <InstanceRow
                      key={i.id}
                      instance={i}
                      traffic={traffic.get(i.id)}
                      latency={service.latency[i.id]}
                      onAction={canOperate ? (action) => setPending({ instanceId: i.id, action }) : undefined}
                      canAdmin={canAdmin}
                      managed={managed}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </div>
      {canOperate && (
        <>
          <WeightDialog service={service} instance={pending?.action === "WEIGHT" ? target : null} onClose={() => setPending(null)} />
          <AdminStateDialog
            instance={pending && isAdminState(pending.action) ? target : null}
            state={pending && isAdminState(pending.action) ? pending.action : null}
            onClose={() => setPending(null)}
          />
          <InstanceDialog
            target={adding ?? (pending?.action === "EDIT" && target ? { mode: "edit", instance: target, defaults: service.checkDefaults } : null)}
            onClose={() => {
              setAdding(null);
              setPending(null);
            }}
          />
          <AddPoolDialog serviceId={service.id} open={addingPool} onClose={() => setAddingPool(false)} />
          {editingDefaults && <CheckDefaultsDialog service={service} onClose={() => setEditingDefaults(false)} />}
          <RemoveDialog
            target={pending?.action === "REMOVE" && target ? { kind: "instances", id: target.id, name: target.name } : null}
            onClose={() => setPending(null)}
          />
        </>
      )}
    </section>
  );
}
