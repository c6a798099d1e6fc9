import type { Tx } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import type { StoredStep } from "./stored-steps";

export interface LastMove {
  kind: "FAILOVER" | "FAILBACK";
  fromPoolId: string;
  toPoolId: string;
  /** Instances this move drained (its DRAIN steps that succeeded). */
  drained: string[];
}

/** The newest verified failover or fail-back of a service: where its traffic last moved. */
export async function lastMove(db: Db | Tx, serviceId: string): Promise<LastMove | null> {
  const f = await db.failover.findFirst({ where: { serviceId, state: "VERIFIED" }, orderBy: { createdAt: "desc" } });
  if (!f) return null;
  const drained = (f.steps as unknown as StoredStep[]).flatMap((s) => (s.kind === "DRAIN" && s.state === "OK" && s.instanceId ? [s.instanceId] : []));
  return { kind: f.kind, fromPoolId: f.fromPoolId, toPoolId: f.toPoolId, drained };
}

/**
 * Moving back to the pool the last failover came from restores that pool as it was: only the
 * instances that failover drained come back READY; ones an operator had drained or put in
 * maintenance before stay so. Undefined: not a move back (every target instance is readied).
 */
export function restoreSet(last: LastMove | null, fromPoolId: string, toPoolId: string): Set<string> | undefined {
  if (!last || last.kind !== "FAILOVER" || last.toPoolId !== fromPoolId || last.fromPoolId !== toPoolId) return undefined;
  return new Set(last.drained);
}
