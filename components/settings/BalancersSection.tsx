"use client";

import { useState } from "react";
import { QueryState } from "@/components/common/QueryState";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { BalancerView } from "@/lib/balancer/views";
import { useBalancers, useUpdateBalancer } from "@/lib/queries/use-balancers";
import { BalancerImportDialog } from "./BalancerImportDialog";
import { ConnectBalancerForm } from "./ConnectBalancerForm";
import { DRIFT_POLICY_HELP, DriftPolicySelect, type DriftPolicy } from "./DriftPolicySelect";

const STATUS_LOOK: Record<BalancerView["status"], string> = {
  CONNECTED: "text-emerald-800 dark:text-emerald-300",
  UNKNOWN: "text-slate-600 dark:text-slate-400",
  UNREACHABLE: "text-red-700 dark:text-red-400",
  ERROR: "text-red-700 dark:text-red-400",
};

/** Admin: the HAProxy instances Faultline drives — connect one, import its servers, choose what happens on drift. */
export function BalancersSection() {
  const balancers = useBalancers();
  const update = useUpdateBalancer();
  const [importing, setImporting] = useState<BalancerView | null>(null);
  const [policy, setPolicy] = useState<{ balancer: BalancerView; to: DriftPolicy } | null>(null);
  const items = balancers.data?.items ?? [];
  return (
    <section id="balancers" aria-labelledby="balancers-h" className={ui.section}>
      <h2 id="balancers-h" className="mb-1 text-lg font-semibold">
        Balancers
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        HAProxy instances driven through their Runtime API: weights, drain/maint/ready and failovers are applied there.
      </p>
      <ConnectBalancerForm />
      <QueryState isLoading={balancers.isLoading} error={balancers.error} empty={items.length === 0} emptyText="No balancers connected yet.">
        <div className={ui.scroll}>
          <table className={ui.table}>
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Name</th>
                <th className={ui.th}>Runtime API</th>
                <th className={ui.th}>Status</th>
                <th className={ui.th}>Last sync (UTC)</th>
                <th className={`${ui.th} text-right`}>Instances</th>
                <th className={ui.th}>On drift</th>
                <th className={ui.th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.id} className={`${ui.tr} align-top`} data-testid="balancer-row" data-name={b.name}>
                  <td className={`${ui.td} font-mono font-medium`}>{b.name}</td>
                  <td className={`${ui.td} font-mono text-xs`}>
                    {b.runtimeApi}
                    {b.serverStateFile && <div className="text-slate-500">state: {b.serverStateFile}</div>}
                  </td>
                  <td className={`${ui.td} max-w-64`}>
                    <span className={`font-semibold ${STATUS_LOOK[b.status]}`}>{b.status}</span>
                    {b.statusMessage && (
                      <div className="truncate text-xs text-slate-500" title={b.statusMessage}>
                        {b.statusMessage}
                      </div>
                    )}
                  </td>
                  <td className={`${ui.td} whitespace-nowrap font-mono text-xs`}>{utc(b.lastSyncAt)}</td>
                  <td className={`${ui.td} text-right tabular-nums`}>{b.instances}</td>
                  <td className={ui.td}>
                    <DriftPolicySelect
                      label={`Drift policy of ${b.name}`}
                      value={b.driftPolicy}
                      onChange={(to) => to !== b.driftPolicy && setPolicy({ balancer: b, to })}
                    />
                  </td>
                  <td className={`${ui.td} text-right`}>
                    <button type="button" className={ui.button} onClick={() => setImporting(b)}>
                      Import…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      <BalancerImportDialog balancer={importing} onClose={() => setImporting(null)} />
      <ReasonDialog
        open={policy !== null}
        title={policy ? `On drift of ${policy.balancer.name}: ${policy.to}?` : ""}
        confirmLabel="Apply"
        requireReason
        busy={update.isPending}
        error={update.error?.message ?? null}
        onClose={() => {
          setPolicy(null);
          update.reset();
        }}
        onConfirm={(reason) => policy && update.mutate({ id: policy.balancer.id, driftPolicy: policy.to, reason }, { onSuccess: () => setPolicy(null) })}
      >
        {policy && <>When HAProxy differs from the desired state, Faultline will {DRIFT_POLICY_HELP[policy.to]}.</>}
      </ReasonDialog>
    </section>
  );
}
