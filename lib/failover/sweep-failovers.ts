import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { rollbackOf } from "./plan";
import { applyStep, failoverInclude, recordOutcome, type LoadedFailover } from "./run-failover";
import { RUNNING_FAILOVER } from "./running-failover";
import type { StoredStep } from "./stored-steps";

/** A running failover whose runner has not written for this long belongs to a process that died. */
const FAILOVER_HEARTBEAT_STALE_MS = 60_000;

/**
 * Finish failovers whose runner stopped (process killed mid-failover), so the service is never
 * left half-moved and can be failed over again:
 * - stopped after HAProxy verified the move: the move happened — the pools swap roles (VERIFIED);
 * - stopped before: every step it applied (or was applying) is undone newest first with the
 *   state it replaced — the source's drains first, so it serves again before the target is
 *   drained — then ROLLED_BACK (FAILED when nothing was applied or a restore failed).
 * HAProxy is restored before the failover is marked finished, so a sweep killed half-way leaves it
 * running-and-stale and the next pass (here or on another replica) does it again: every restore
 * sets an absolute state, so repeating one is harmless. Audited and noted on the open faults
 * like any failover's end.
 */
export async function sweepInterruptedFailovers(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - FAILOVER_HEARTBEAT_STALE_MS);
  const stale = await db.failover.findMany({
    where: { ...RUNNING_FAILOVER, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, createdAt: { lt: cutoff } }] },
    include: failoverInclude,
  });
  let swept = 0;
  for (const f of stale) if (await sweepOne(db, f)) swept++;
  return swept;
}

async function sweepOne(db: Db, f: LoadedFailover): Promise<boolean> {
  const stopped = `interrupted: its runner stopped (no progress for ${FAILOVER_HEARTBEAT_STALE_MS / 1000} s)`;
  const steps = (f.steps ?? []) as unknown as StoredStep[];
  const verifyAt = steps.findIndex((s) => s.kind === "VERIFY");
  if (verifyAt >= 0 && steps[verifyAt]!.state === "OK") {
    return recordOutcome(db, f, "VERIFIED", `${stopped} after HAProxy verified the move; the sweep recorded it`);
  }
  const touched = steps.filter((s, i) => (verifyAt < 0 || i < verifyAt) && s.kind !== "VERIFY" && s.state !== "PENDING" && s.state !== "SKIPPED");
  let restored = 0;
  const failed: string[] = [];
  for (const undo of rollbackOf(touched)) {
    const stored = undo as StoredStep;
    try {
      await applyStep(db, undo.instanceId, undo.before);
      stored.state = "ROLLED_BACK";
      stored.message = `restored ${undo.before.adminState} at weight ${undo.before.weight} by the sweep`;
      restored++;
    } catch (err) {
      failed.push(`${undo.instance}: ${(err as Error).message}`);
      stored.message = `not restored by the sweep: ${(err as Error).message}`;
    }
  }
  for (const s of steps) if (s.state === "PENDING" || s.state === "RUNNING") s.state = "SKIPPED";
  const saved = await db.failover.updateMany({ where: { id: f.id, ...RUNNING_FAILOVER }, data: { steps: steps as unknown as Prisma.InputJsonValue } });
  if (saved.count === 0) return false;
  if (failed.length) log.warn({ failover: f.id, failed }, "sweep: could not restore every step of an interrupted failover");
  const error = failed.length
    ? `${stopped}; the sweep restored ${restored} step(s), not: ${failed.join("; ")}`
    : restored
      ? `${stopped}; the sweep undid its ${restored} applied step(s)`
      : `${stopped} before applying anything`;
  return recordOutcome(db, f, restored && !failed.length ? "ROLLED_BACK" : "FAILED", error);
}
