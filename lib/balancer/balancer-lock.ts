import type { Tx } from "@/lib/audit/audited";

/**
 * Serialise every change to one balancer across replicas: a transaction-scoped PostgreSQL
 * advisory lock, held while the desired state is written and applied to HAProxy, so the drift
 * reconciler never compares against a half-applied operator change.
 */
export async function lockBalancer(tx: Tx, balancerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`balancer:${balancerId}`}, 0))`;
}

/** Take the lock of the balancer an instance sits behind (if any), before reading its desired state. */
export async function lockInstanceBalancer(tx: Tx, instanceId: string): Promise<void> {
  const row = await tx.instance.findUnique({ where: { id: instanceId }, select: { balancerId: true } });
  if (row?.balancerId) await lockBalancer(tx, row.balancerId);
}
