import type { Tx } from "./client";

/**
 * Take a transaction-scoped PostgreSQL advisory lock named by `key` (held until the transaction
 * ends, across replicas). `$executeRaw`: the function returns void, which `$queryRaw` cannot read.
 */
export async function advisoryXactLock(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
