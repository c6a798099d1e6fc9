import type { Db } from "@/lib/db/client";
import { escalationDue } from "./rules";

/**
 * Time-driven notifications, safe to run on every replica at once: what they add is keyed
 * (`esc:<fault>:<route>:<announcement>:<n>`, `drift:<instance>:<since>`) and inserted ON CONFLICT DO NOTHING,
 * so two sweeps add it once.
 */

/** Faults still OPEN past a route's escalation time after their announcement get the due escalation. */
export async function sweepEscalations(db: Db, now: Date): Promise<number> {
  // Per fault and route, its latest announcement (a reopened fault escalates from the reopening).
  const rows = await db.$queryRaw<
    Array<{
      faultId: string;
      routeId: string;
      announcementId: bigint;
      announcedAt: Date;
      after: number;
      repeat: number | null;
      channelId: string;
      serviceId: string;
    }>
  >`
    SELECT DISTINCT ON (d."faultId", d."routeId")
           d."faultId", d."routeId", d."id" AS "announcementId", d."deliveredAt" AS "announcedAt", r."escalateAfterSeconds" AS "after",
           r."repeatEverySeconds" AS "repeat", COALESCE(r."escalateChannelId", r."channelId") AS "channelId", f."serviceId"
      FROM "Fault" f
      JOIN "NotificationDelivery" d ON d."faultId" = f."id" AND d."event" IN ('FAULT_OPENED', 'FAULT_REOPENED', 'FAULT_FLAPPING') AND d."status" = 'DELIVERED'
      JOIN "NotificationRoute" r ON r."id" = d."routeId" AND r."enabled" AND r."escalateAfterSeconds" IS NOT NULL
     WHERE f."status" = 'OPEN'
     ORDER BY d."faultId", d."routeId", d."deliveredAt" DESC`;
  const data = rows.flatMap((r) => {
    const n = escalationDue(r.announcedAt, r.after, r.repeat, now);
    if (n === null) return [];
    return [
      {
        idempotencyKey: `esc:${r.faultId}:${r.routeId}:${r.announcementId}:${n}`,
        channelId: r.channelId,
        routeId: r.routeId,
        event: "ESCALATION" as const,
        faultId: r.faultId,
        serviceId: r.serviceId,
        note: `escalation ${n}, unacknowledged for ${Math.round((now.getTime() - r.announcedAt.getTime()) / 60_000)} min`,
      },
    ];
  });
  if (data.length === 0) return 0;
  return (await db.notificationDelivery.createMany({ data, skipDuplicates: true })).count;
}

/** Drift between desired and HAProxy's state older than `afterMs` becomes one outbox event per drift episode. */
export async function sweepDrift(db: Db, afterMs: number): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "NotificationEvent" ("event", "instanceId", "dedupKey")
    SELECT 'DRIFT_PERSISTS', i."id", 'drift:' || i."id" || ':' || (extract(epoch FROM i."driftSince") * 1000)::bigint
      FROM "Instance" i
     WHERE i."drift" AND i."driftSince" < now() - (${afterMs} * interval '1 millisecond') AND i."archivedAt" IS NULL
    ON CONFLICT ("dedupKey") DO NOTHING`;
}
