import type { Db } from "@/lib/db/client";

export interface OutboxStatus {
  /** Deliveries waiting or being sent. */
  pending: number;
  /** Age of the oldest of them, seconds (null when none). */
  oldestPendingSeconds: number | null;
  /** Outbox events not yet routed. */
  unrouted: number;
  /** Deliveries given up on (re-sendable). */
  dead: number;
}

export async function outboxStatus(db: Db, now: Date = new Date()): Promise<OutboxStatus> {
  const [pending, oldest, unrouted, dead] = await Promise.all([
    db.notificationDelivery.count({ where: { status: { in: ["PENDING", "SENDING"] } } }),
    db.notificationDelivery.findFirst({ where: { status: { in: ["PENDING", "SENDING"] } }, orderBy: { queuedAt: "asc" }, select: { queuedAt: true } }),
    db.notificationEvent.count({ where: { routedAt: null } }),
    db.notificationDelivery.count({ where: { status: "DEAD" } }),
  ]);
  return { pending, oldestPendingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.queuedAt.getTime()) / 1000)) : null, unrouted, dead };
}
