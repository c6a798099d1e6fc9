import type { Tx } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lastMove, restoreSet, type LastMove } from "./last-move";
import { loadServicePools, targetPool, type ServicePools } from "./load-pools";
import { planFailover, preflight, type PlanStep, type PreflightReason } from "./plan";

export type FailoverKindName = "FAILOVER" | "FAILBACK";

export interface Assessment {
  sp: ServicePools;
  to: ServicePools["pools"][number];
  /** Why the pre-flight refuses (empty: it may go ahead). */
  reasons: PreflightReason[];
  steps: PlanStep[];
}

/** Fail-back undoes the last verified move if it was a failover to the current active pool. */
function failbackTarget(sp: ServicePools, last: LastMove | null): string {
  if (!last || last.kind !== "FAILOVER" || last.toPoolId !== sp.from.id) {
    const why =
      last?.kind === "FAILBACK"
        ? `the last move of ${sp.service.name} was already a fail-back`
        : `no verified failover moved ${sp.service.name} to ${sp.from.name}`;
    throw new AppError("CONFLICT", `nothing to fail back: ${why}`);
  }
  return last.fromPoolId;
}

/**
 * What a failover (or fail-back) of a service would do right now: the target pool, the pre-flight
 * verdict and the plan. One computation for the dialog's preview and for starting it.
 */
export async function assessFailover(db: Db | Tx, serviceId: string, o: { kind: FailoverKindName; toPoolId?: string }): Promise<Assessment> {
  const sp = await loadServicePools(db, serviceId);
  const last = await lastMove(db, serviceId);
  const wanted = o.kind === "FAILBACK" ? (o.toPoolId ?? failbackTarget(sp, last)) : o.toPoolId;
  const to = await targetPool(db, sp, wanted);
  const steps = planFailover(sp.from, to, { onlyReady: restoreSet(last, sp.from.id, to.id) });
  return { sp, to, reasons: preflight(sp.from, to, steps), steps };
}
