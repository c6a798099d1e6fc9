import type { Db, Tx } from "@/lib/db/client";
import type { AdminState } from "@/lib/status/vocabulary";
import type { Actual, Desired } from "./drift";

/**
 * How long a change reported as failed may still surface on HAProxy. A frozen HAProxy (SIGSTOP,
 * a stalled host) executes the command it had queued when it resumes; past this, a match with
 * HAProxy's state is taken to be someone's hand, not our old command.
 */
export const UNCONFIRMED_TTL_MS = 10 * 60_000;

export interface Unconfirmed {
  weight: number;
  adminState: AdminState;
}

/**
 * Remember a change Faultline reported as failed whose effect on HAProxy is unknown. Written on
 * the caller's root client, beside (not inside) the failing transaction, while that transaction
 * still holds the balancer lock: the reconciler, which takes the lock first, sees the record
 * before it can see the command surface. Best effort: a database that is down loses the record
 * (the drift is then handled by the drift policy alone), and it never hides the original error.
 */
export async function recordUnconfirmed(db: Db, instanceId: string, change: Unconfirmed, error: string, now = new Date()): Promise<void> {
  await db
    .$transaction([
      db.unconfirmedChange.deleteMany({ where: { instanceId, createdAt: { lt: new Date(now.getTime() - UNCONFIRMED_TTL_MS) } } }),
      db.unconfirmedChange.create({ data: { instanceId, weight: change.weight, adminState: change.adminState, error, createdAt: now } }),
    ])
    .catch(() => undefined);
}

/** A confirmed change supersedes whatever was queued before it (HAProxy runs commands in order). */
export async function clearUnconfirmed(tx: Tx, instanceId: string): Promise<void> {
  await tx.unconfirmedChange.deleteMany({ where: { instanceId } });
}

/**
 * Pure: whether a drift is a change that was reported as failed surfacing late — HAProxy differs
 * from the desired state in a setting, and has exactly the value that unconfirmed change sent.
 */
export function explainsDrift(u: Unconfirmed, desired: Desired, actual: Actual): boolean {
  const weight = actual.weight !== desired.weight && actual.weight === u.weight;
  const state = actual.adminState !== desired.adminState && actual.adminState === u.adminState;
  return weight || state;
}

/** The recent unconfirmed change of an instance that explains HAProxy's drift, if any. */
export async function surfacedUnconfirmed(tx: Tx, instanceId: string, desired: Desired, actual: Actual, now = new Date()): Promise<Unconfirmed | null> {
  const recent = await tx.unconfirmedChange.findMany({
    where: { instanceId, createdAt: { gte: new Date(now.getTime() - UNCONFIRMED_TTL_MS) } },
    orderBy: { createdAt: "desc" },
    select: { weight: true, adminState: true },
  });
  return recent.find((u) => explainsDrift(u, desired, actual)) ?? null;
}
