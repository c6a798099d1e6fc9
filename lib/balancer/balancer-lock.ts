import { advisoryXactLock } from "@/lib/db/advisory-lock";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { commandTimeoutMs } from "./client-for";

/**
 * Serialise every change to one balancer across replicas: a transaction-scoped PostgreSQL
 * advisory lock, held while the desired state is written and applied to HAProxy, so the drift
 * reconciler never compares against a half-applied operator change. The wait is bounded (another
 * change holding it that long means HAProxy is slow): the caller gets a 409 to retry.
 */
async function lockBalancer(tx: Tx, balancerId: string): Promise<void> {
  try {
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${Math.round(2 * commandTimeoutMs())}`);
    await advisoryXactLock(tx, `balancer:${balancerId}`);
  } catch (err) {
    if (/lock timeout/i.test((err as Error).message))
      throw new AppError("CONFLICT", "another change to this balancer is still being applied; try again in a moment");
    throw err;
  }
}

/** Take the lock of the balancer an instance sits behind (if any), before reading its desired state. */
export async function lockInstanceBalancer(tx: Tx, instanceId: string): Promise<void> {
  const row = await tx.instance.findUnique({ where: { id: instanceId }, select: { balancerId: true } });
  if (row?.balancerId) await lockBalancer(tx, row.balancerId);
}
