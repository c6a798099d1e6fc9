import crypto from "node:crypto";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import type { ListPage } from "@/lib/db/cursor";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { NotificationDelivery, Prisma } from "@/lib/generated/prisma/client";
import type { DeliveryStatus, NotifyEvent } from "@/lib/status/notify-vocabulary";
import { getChannel } from "./channels";
import { deliver, type DispatchConfig } from "./dispatch";
import type { DeliveryListQuery } from "./schemas";

/** The delivery log: per channel, per fault; re-send; a channel's test. */

export interface DeliveryView {
  id: string;
  idempotencyKey: string;
  event: NotifyEvent;
  status: DeliveryStatus;
  note: string | null;
  channel: { id: string; name: string; kind: string };
  route: { id: string; name: string } | null;
  faultId: string | null;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  queuedAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** Newest first (at most 20). */
  attemptLog: Array<{ at: string; durationMs: number; ok: boolean; statusCode: number | null; error: string | null; by: string }>;
}

const include = {
  channel: { select: { id: true, name: true, kind: true } },
  attemptsLog: { orderBy: { at: "desc" }, take: 20 },
} as const satisfies Prisma.NotificationDeliveryInclude;
type Row = Prisma.NotificationDeliveryGetPayload<{ include: typeof include }>;

async function toViews(db: Db, rows: Row[]): Promise<DeliveryView[]> {
  const routeIds = [...new Set(rows.flatMap((r) => (r.routeId ? [r.routeId] : [])))];
  const routes = new Map((await db.notificationRoute.findMany({ where: { id: { in: routeIds } }, select: { id: true, name: true } })).map((r) => [r.id, r]));
  return rows.map((r) => ({
    id: String(r.id),
    idempotencyKey: r.idempotencyKey,
    event: r.event,
    status: r.status,
    note: r.note,
    channel: r.channel,
    route: r.routeId ? (routes.get(r.routeId) ?? { id: r.routeId, name: "(deleted route)" }) : null,
    faultId: r.faultId,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    queuedAt: r.queuedAt.toISOString(),
    nextAttemptAt: r.status === "PENDING" ? r.nextAttemptAt.toISOString() : null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    attemptLog: r.attemptsLog.map((a) => ({ at: a.at.toISOString(), durationMs: a.durationMs, ok: a.ok, statusCode: a.statusCode, error: a.error, by: a.by })),
  }));
}

export async function listDeliveries(db: Db, q: DeliveryListQuery): Promise<ListPage<DeliveryView>> {
  const rows = await db.notificationDelivery.findMany({
    where: { channelId: q.channelId, faultId: q.faultId, status: q.status, ...(q.cursor ? { id: { lt: BigInt(q.cursor) } } : {}) },
    orderBy: { id: "desc" },
    take: q.limit + 1,
    include,
  });
  const page = rows.slice(0, q.limit);
  return { items: await toViews(db, page), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
}

/** What a fault caused to be sent (and what was held back, with why), for its timeline. */
export async function faultDeliveries(db: Db, faultId: string): Promise<DeliveryView[]> {
  return toViews(db, await db.notificationDelivery.findMany({ where: { faultId }, orderBy: { id: "asc" }, take: 500, include }));
}

async function deliveryById(db: Db, id: string): Promise<NotificationDelivery> {
  const row = /^\d{1,19}$/.test(id) ? await db.notificationDelivery.findUnique({ where: { id: BigInt(id) } }) : null;
  if (!row) throw notFound("delivery");
  return row;
}

/**
 * Queue a delivery again (DEAD, SUPPRESSED or DELIVERED) with its idempotency key unchanged and
 * the give-up age counted afresh, past the no-storm rules and the rate limit (an operator asked for
 * it). A delivery already pending or being sent is left as it is, so
 * a double click sends once.
 */
export async function resendDelivery(db: Db, ctx: AuditContext, id: string, reason?: string): Promise<DeliveryView> {
  const cur = await deliveryById(db, id);
  return audited(db, ctx, { action: "notification.resend", target: { kind: "notification_delivery", id, name: cur.idempotencyKey }, reason }, async (tx) => {
    const now = new Date();
    const n = await tx.notificationDelivery.updateMany({
      where: { id: cur.id, status: { in: ["DEAD", "SUPPRESSED", "DELIVERED"] } },
      data: {
        status: "PENDING",
        nextAttemptAt: now,
        queuedAt: now,
        // An operator's re-send is sent as asked: past the no-storm rules and the rate limit.
        admittedAt: cur.admittedAt ?? now,
        note: cur.note ? `re-sent by ${ctx.actor.name} (was: ${cur.note})`.slice(0, 500) : `re-sent by ${ctx.actor.name}`,
      },
    });
    const row = await tx.notificationDelivery.findUniqueOrThrow({ where: { id: cur.id }, include });
    const [view] = await toViews(db, [row]);
    return { value: view!, before: { status: cur.status }, after: { status: row.status, resent: n.count === 1 } };
  });
}

/** Send a test message on a channel now and answer with the attempt (it is in the delivery log too). */
export async function sendTest(db: Db, ctx: AuditContext, channelId: string, cfg: DispatchConfig, reason?: string): Promise<DeliveryView> {
  const channel = await getChannel(db, channelId);
  return audited(
    db,
    ctx,
    { action: "notification_channel.test", target: { kind: "notification_channel", id: channel.id, name: channel.name }, reason },
    async () => {
      const now = new Date();
      const row = await db.notificationDelivery.create({
        data: {
          idempotencyKey: `test:${crypto.randomUUID()}`,
          channelId,
          event: "TEST",
          status: "SENDING",
          attempts: 1,
          leaseUntil: new Date(now.getTime() + channel.timeoutMs + cfg.leaseGraceMs),
          note: `test by ${ctx.actor.name}`,
        },
      });
      const result = await deliver(db, row, cfg, now);
      const [view] = await toViews(db, [await db.notificationDelivery.findUniqueOrThrow({ where: { id: row.id }, include })]);
      if (!result) throw new AppError("CONFLICT", "the test was not sent", "channelId");
      return { value: view!, after: { ok: result.ok, statusCode: result.statusCode, error: result.error } };
    },
    { timeoutMs: channel.timeoutMs + 10_000 },
  );
}
