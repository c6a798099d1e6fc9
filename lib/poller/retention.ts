import { UNCONFIRMED_TTL_MS } from "@/lib/balancer/unconfirmed-changes";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";

export interface RetentionPolicy {
  /** Every raw check is kept this long; afterwards only failures and state changes. */
  rawHours: number;
  /** Failures, state changes and per-minute rollups are kept this long. */
  rollupDays: number;
}

const BATCH = 20_000;

async function deleteInBatches(db: Db, sql: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    // Small batches keep locks and WAL bursts short on a busy table.
    const n = await db.$executeRawUnsafe(sql, cutoff, BATCH);
    total += n;
    if (n < BATCH) return total;
  }
}

/** Delete what the retention policy no longer keeps. Returns row counts. */
export async function pruneChecks(db: Db, p: RetentionPolicy, now = new Date()) {
  const rawCutoff = new Date(now.getTime() - p.rawHours * 3_600_000);
  const longCutoff = new Date(now.getTime() - p.rollupDays * 86_400_000);
  const passing = await deleteInBatches(
    db,
    `DELETE FROM "CheckResult" WHERE id IN (SELECT id FROM "CheckResult" WHERE "at" < $1 AND "ok" AND NOT "stateChange" LIMIT $2)`,
    rawCutoff,
  );
  const old = await deleteInBatches(db, `DELETE FROM "CheckResult" WHERE id IN (SELECT id FROM "CheckResult" WHERE "at" < $1 LIMIT $2)`, longCutoff);
  const rollups = await deleteInBatches(
    db,
    `DELETE FROM "CheckRollup" WHERE ("instanceId","minute") IN (SELECT "instanceId","minute" FROM "CheckRollup" WHERE "minute" < $1 LIMIT $2)`,
    longCutoff,
  );
  // 5-second traffic buckets feed the live charts: kept as long as raw checks.
  const traffic = await deleteInBatches(
    db,
    `DELETE FROM "TrafficRollup" WHERE ("instanceId","at") IN (SELECT "instanceId","at" FROM "TrafficRollup" WHERE "at" < $1 LIMIT $2)`,
    rawCutoff,
  );
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  const unconfirmed = await db.unconfirmedChange.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - UNCONFIRMED_TTL_MS) } } });
  return { passing, old, rollups, traffic, sessions: sessions.count, unconfirmed: unconfirmed.count };
}

/** Run pruning now and then every `everyMs`; returns a stop function. */
export function startRetention(db: Db, p: RetentionPolicy, everyMs = 3_600_000): () => void {
  const run = () =>
    pruneChecks(db, p).then(
      (n) => (n.passing + n.old + n.rollups + n.traffic > 0 ? log.info(n, "retention: pruned old checks") : undefined),
      (err: Error) => log.warn({ err: err.message.split("\n")[0] }, "retention run failed"),
    );
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
