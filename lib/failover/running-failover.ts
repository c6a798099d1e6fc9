import type { Db, Tx } from "@/lib/db/client";
import type { FailoverState, Prisma } from "@/lib/generated/prisma/client";

// Type-only imports: the browser (the failover page's live polling) uses the states too.

/** The states of a failover that has not finished: its steps own the service's instances. */
export const RUNNING_FAILOVER_STATES = ["PENDING", "APPLYING"] as const satisfies readonly FailoverState[];

/** Whether a failover in this state is still running. */
export function isRunningFailoverState(state: string): boolean {
  return (RUNNING_FAILOVER_STATES as readonly string[]).includes(state);
}

/** The one spelling of "running failover" in queries: spread it into a `where`. */
export const RUNNING_FAILOVER = { state: { in: [...RUNNING_FAILOVER_STATES] } } satisfies Prisma.FailoverWhereInput;

/** The service's running failover (at most one: start-failover takes a per-service lock), if any. */
export async function runningFailoverOf(db: Db | Tx, serviceId: string): Promise<{ id: string } | null> {
  return db.failover.findFirst({ where: { serviceId, ...RUNNING_FAILOVER }, select: { id: true } });
}
