import type { Db } from "@/lib/db/client";
import type { NotificationEvent } from "@/lib/generated/prisma/client";
import { eventFacts } from "./load-facts";
import { planDeliveries, type RouteRule } from "./rules";

/**
 * Stage one of the dispatcher: outbox events → deliveries, one batch per transaction, one router
 * at a time across replicas (a transaction-scoped advisory lock; another replica skips the tick):
 * deliveries then get ids in outbox order, which the dispatcher's per-fault ordering relies on
 * (two routers in parallel could give a resolution a smaller id than its opening). Deliveries are inserted
 * by idempotency key (a batch re-routed after a crash adds nothing twice) and the events marked
 * routed in the same transaction — a crash before commit leaves them to be routed again.
 */
export async function routeEvents(db: Db, o: { groupWaitMs: number; batch?: number }): Promise<number> {
  return db.$transaction(async (tx) => {
    const lock = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtextextended('notify-router', 0)) AS locked`;
    if (!lock[0]?.locked) return 0;
    const events = await tx.$queryRaw<NotificationEvent[]>`
      SELECT * FROM "NotificationEvent" WHERE "routedAt" IS NULL ORDER BY "id" LIMIT ${o.batch ?? 200} FOR UPDATE SKIP LOCKED`;
    if (events.length === 0) return 0;
    const routes: RouteRule[] = await tx.notificationRoute.findMany({
      where: { enabled: true, channel: { enabled: true } },
      select: { id: true, channelId: true, serviceId: true, minSeverity: true, faultTypes: true, events: true },
    });
    const facts = routes.length ? await eventFacts(tx, events) : [];
    const byId = new Map(events.map((e) => [e.id, e]));
    const rows = facts.flatMap((f) => {
      const e = byId.get(f.eventId)!;
      const isFault = e.event.startsWith("FAULT_");
      return planDeliveries(f, routes, o).map((p) => ({
        idempotencyKey: p.idempotencyKey,
        channelId: p.channelId,
        routeId: p.routeId,
        eventId: e.id,
        event: e.event,
        faultId: isFault ? e.faultId : null,
        failoverId: e.failoverId,
        balancerId: e.balancerId,
        instanceId: e.instanceId,
        serviceId: f.serviceId,
        status: p.status,
        note: p.note,
        nextAttemptAt: p.notBefore,
      }));
    });
    if (rows.length) await tx.notificationDelivery.createMany({ data: rows, skipDuplicates: true });
    await tx.notificationEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { routedAt: new Date() } });
    return events.length;
  });
}
