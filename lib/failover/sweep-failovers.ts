import type { Db } from "@/lib/db/client";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";

/** A running failover whose runner has not written for this long belongs to a process that died. */
export const FAILOVER_HEARTBEAT_STALE_MS = 60_000;

/**
 * Mark failovers whose runner stopped (process killed mid-failover) as FAILED, so the service
 * can be failed over again, with an audit entry and a note on the service's open faults. Nothing
 * on HAProxy is undone here: every applied step committed its desired state, so HAProxy and the
 * database agree (the drift reconciler keeps it so) and the service page shows where it stopped.
 */
export async function sweepInterruptedFailovers(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - FAILOVER_HEARTBEAT_STALE_MS);
  const stale = await db.failover.findMany({
    where: { state: { in: ["PENDING", "APPLYING"] }, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, createdAt: { lt: cutoff } }] },
    include: { service: { select: { name: true } }, fromPool: { select: { name: true } }, toPool: { select: { name: true } } },
  });
  let swept = 0;
  for (const f of stale) {
    const error = `interrupted: its runner stopped (no progress for ${FAILOVER_HEARTBEAT_STALE_MS / 1000} s); the steps done so far stay applied — see the service page`;
    await db.$transaction(async (tx) => {
      const mine = await tx.failover.updateMany({
        where: { id: f.id, state: { in: ["PENDING", "APPLYING"] } },
        data: { state: "FAILED", error, finishedAt: now },
      });
      if (mine.count === 0) return;
      swept++;
      await tx.auditEntry.create({
        data: {
          actor: "system",
          action: `service.${f.kind.toLowerCase()}.finished`,
          target: `service:${f.service.name}`,
          reason: f.reason,
          after: { failoverId: f.id, state: "FAILED", from: f.fromPool.name, to: f.toPool.name },
          result: "FAILED",
          error,
        },
      });
      await noteOnOpenFaults(
        tx,
        { serviceId: f.serviceId },
        {
          kind: "FAILOVER",
          actor: "system",
          message: `${f.kind === "FAILBACK" ? "Fail-back" : "Failover"} ${f.fromPool.name} → ${f.toPool.name} ${error}`,
          data: { failoverId: f.id, mirrors: "failover" },
        },
      );
    });
  }
  return swept;
}
