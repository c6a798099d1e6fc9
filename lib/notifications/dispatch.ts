import os from "node:os";
import { advisoryXactLock } from "@/lib/db/advisory-lock";
import type { Db } from "@/lib/db/client";
import { errLine } from "@/lib/log";
import type { NotificationChannel, NotificationDelivery } from "@/lib/generated/prisma/client";
import { openSecrets } from "./channel-view";
import { messageFacts } from "./load-facts";
import { buildMessage, type Message } from "./message";
import { afterFailure, foldable, retryDelayMs, sendDecision, type SendFacts } from "./rules";
import { sendMessage, type AttemptResult } from "./senders";

/**
 * Stage two: due deliveries → the wire. A delivery is claimed by one dispatcher at a time
 * (FOR UPDATE SKIP LOCKED, then SENDING with a lease of the channel's timeout + a grace); its
 * attempt counter is the fencing token — a dispatcher whose lease ran out (paused, partitioned,
 * killed) cannot record its late result over the new holder's. A dispatcher killed mid-send
 * leaves the row SENDING; after the lease any dispatcher sends it again with the same
 * idempotency key, so a receiver may see it twice but never zero times.
 */

export interface DispatchConfig {
  consoleUrl: string;
  retryBaseMs: number;
  retryMaxMs: number;
  giveUpMs: number;
  leaseGraceMs: number;
}

const DISPATCHER_ID = `${os.hostname()}:${process.pid}`;

/**
 * Claim up to `limit` due deliveries. Deliveries of one fault (or one failover) on one channel go
 * in order: one waits while an earlier one is still pending or being sent (an opening before its
 * resolution, PagerDuty's trigger before its resolve). Earlier means a smaller id, which is the
 * outbox order because one router runs at a time (router.ts).
 */
export async function claimDue(db: Db, limit: number, leaseGraceMs: number): Promise<NotificationDelivery[]> {
  if (limit <= 0) return [];
  return db.$queryRaw<NotificationDelivery[]>`
    UPDATE "NotificationDelivery" d
       SET "status" = 'SENDING', "attempts" = d."attempts" + 1, "updatedAt" = now(),
           "leaseUntil" = now() + ((c."timeoutMs" + ${leaseGraceMs}) * interval '1 millisecond')
      FROM "NotificationChannel" c
     WHERE c."id" = d."channelId" AND d."id" IN (
       SELECT x."id" FROM "NotificationDelivery" x
        WHERE ((x."status" = 'PENDING' AND x."nextAttemptAt" <= now()) OR (x."status" = 'SENDING' AND x."leaseUntil" < now()))
          AND NOT EXISTS (SELECT 1 FROM "NotificationDelivery" y
                           WHERE y."faultId" = x."faultId" AND y."channelId" = x."channelId" AND y."id" < x."id"
                             AND y."status" IN ('PENDING', 'SENDING'))
          AND NOT EXISTS (SELECT 1 FROM "NotificationDelivery" y
                           WHERE y."failoverId" = x."failoverId" AND y."channelId" = x."channelId" AND y."id" < x."id"
                             AND y."status" IN ('PENDING', 'SENDING'))
        ORDER BY x."nextAttemptAt" LIMIT ${limit}
          FOR UPDATE OF x SKIP LOCKED)
    RETURNING d.*`;
}

/** Record the end of a claimed attempt, unless the claim was lost (fenced by the attempt number). */
async function finish(
  db: Db,
  d: NotificationDelivery,
  data: Partial<Pick<NotificationDelivery, "status" | "note" | "nextAttemptAt" | "lastError" | "lastStatusCode" | "deliveredAt" | "digestId">>,
) {
  await db.notificationDelivery.updateMany({ where: { id: d.id, status: "SENDING", attempts: d.attempts }, data: { ...data, leaseUntil: null } });
}

async function sendFacts(db: Db, d: NotificationDelivery): Promise<SendFacts> {
  if (!d.faultId) return { event: d.event, fault: null, announced: false };
  const fault = await db.fault.findUnique({
    where: { id: d.faultId },
    select: { status: true, instanceId: true, serviceId: true, parent: { select: { number: true, status: true } } },
  });
  const announced = d.routeId
    ? await db.notificationDelivery.count({
        where: {
          faultId: d.faultId,
          routeId: d.routeId,
          id: { lt: d.id },
          event: { in: ["FAULT_OPENED", "FAULT_REOPENED", "FAULT_FLAPPING"] },
          status: { in: ["DELIVERED", "SENDING"] },
        },
      })
    : 0;
  let coveredBy = fault?.parent && fault.parent.status !== "RESOLVED" ? fault.parent.number : null;
  if (fault?.instanceId && coveredBy === null) {
    // The active pool down while the standby serves: the SERVICE_DEGRADED fault's message lists the instances.
    const degraded = await db.fault.findFirst({
      where: { serviceId: fault.serviceId, type: "SERVICE_DEGRADED", instanceId: null, status: { not: "RESOLVED" } },
      select: { number: true },
    });
    coveredBy = degraded?.number ?? null;
  }
  return { event: d.event, fault: fault ? { status: fault.status, instanceId: fault.instanceId, coveredBy } : null, announced: announced > 0 };
}

/**
 * Let a delivery through the channel's rate limit, or not: at most `ratePerMinute` admitted in
 * any minute (digests and tests are not counted). One decision at a time per channel, across
 * replicas (a transaction-scoped advisory lock), so a burst claimed at once cannot all pass.
 */
async function admit(db: Db, c: NotificationChannel, d: NotificationDelivery, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await advisoryXactLock(tx, `notify-rate:${c.id}`);
    const admitted = await tx.notificationDelivery.count({ where: { channelId: c.id, admittedAt: { gt: new Date(now.getTime() - 60_000) } } });
    if (admitted >= c.ratePerMinute) return false;
    await tx.notificationDelivery.update({ where: { id: d.id }, data: { admittedAt: now } });
    return true;
  });
}

/**
 * Fold a delivery over the rate into its channel's digest of this minute (sent when the minute
 * ends). A digest already claimed for sending takes nothing more — the delivery goes into the
 * next minute's — and the digest row is locked while it is joined, so a fold never lands in a
 * digest whose message is already built.
 */
async function fold(db: Db, d: NotificationDelivery, m: Message) {
  await db.$transaction(async (tx) => {
    const ms = (await tx.$queryRaw<Array<{ ms: number }>>`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`)[0]!.ms;
    for (let window = Math.floor(ms / 60_000); ; window++) {
      const key = `digest:${d.channelId}:${window}`;
      await tx.notificationDelivery.createMany({
        data: [{ idempotencyKey: key, channelId: d.channelId, event: "DIGEST", nextAttemptAt: new Date((window + 1) * 60_000) }],
        skipDuplicates: true,
      });
      const [digest] = await tx.$queryRaw<Array<{ id: bigint; status: string; attempts: number }>>`
        SELECT "id", "status", "attempts" FROM "NotificationDelivery" WHERE "idempotencyKey" = ${key} FOR UPDATE`;
      if (digest && digest.status === "PENDING" && digest.attempts === 0) {
        await tx.notificationDelivery.updateMany({
          where: { id: d.id, status: "SENDING", attempts: d.attempts },
          data: { status: "SUPPRESSED", note: `folded into a digest: ${m.title}`.slice(0, 500), digestId: digest.id, leaseUntil: null },
        });
        return;
      }
    }
  });
}

interface Prepared {
  channel: NotificationChannel;
  message: Message;
}

/** Everything before the send: the channel, the rules, the rate limit, the message. Null: finished without sending. */
async function prepare(db: Db, d: NotificationDelivery, cfg: DispatchConfig, now: Date): Promise<Prepared | null> {
  const channel = await db.notificationChannel.findUnique({ where: { id: d.channelId } });
  if (!channel) return null;
  if (!channel.enabled && d.event !== "TEST") {
    await finish(db, d, { status: "SUPPRESSED", note: "channel disabled" });
    return null;
  }
  // The rules and the rate limit apply once, before the first send: a delivery not yet admitted
  // (also one whose dispatcher died before it was — attempts alone would say "retry" and skip them).
  const firstPass = d.admittedAt === null && d.event !== "TEST" && d.event !== "DIGEST";
  if (firstPass || d.event === "ESCALATION") {
    const decision = sendDecision(await sendFacts(db, d));
    if (!decision.send) {
      await finish(db, d, { status: "SUPPRESSED", note: decision.note });
      return null;
    }
  }
  const message = buildMessage(await messageFacts(db, d, cfg.consoleUrl, now));
  if (firstPass && foldable(d.event, channel.kind) && !(await admit(db, channel, d, now))) {
    await fold(db, d, message);
    return null;
  }
  return { channel, message };
}

/** One claimed delivery: decide, render, send once, record. Never throws for a receiver's failure. */
export async function deliver(db: Db, d: NotificationDelivery, cfg: DispatchConfig, now: Date = new Date()): Promise<AttemptResult | null> {
  let prepared: Prepared | null;
  try {
    prepared = await prepare(db, d, cfg, now);
  } catch (err) {
    // A step before the send failed (a fact query, rendering): retried with backoff like a failed
    // send, and given up on at the same age — not left to its lease, where it would be re-claimed
    // at once, forever, holding back what comes after it.
    const error = `not sent: ${errLine(err)}`;
    const dead = afterFailure(null, Date.now() - d.queuedAt.getTime(), cfg.giveUpMs) === "dead";
    await finish(
      db,
      d,
      dead
        ? { status: "DEAD", lastError: error }
        : { status: "PENDING", lastError: error, nextAttemptAt: new Date(Date.now() + retryDelayMs(d.attempts, cfg.retryBaseMs, cfg.retryMaxMs)) },
    );
    return null;
  }
  if (!prepared) return null;
  const { channel, message } = prepared;
  // Renew the lease right before the side effect, on the database's clock: the time since the
  // claim (queued behind other sends, the rate check, rendering) may have used it up, and then
  // another dispatcher may already own this delivery — sending now would send it twice.
  const renewed = await db.$executeRaw`
    UPDATE "NotificationDelivery" SET "leaseUntil" = now() + (${channel.timeoutMs + cfg.leaseGraceMs}::int * interval '1 millisecond')
     WHERE "id" = ${d.id} AND "status" = 'SENDING' AND "attempts" = ${d.attempts}`;
  if (renewed === 0) return null;
  let result: AttemptResult;
  const started = Date.now();
  try {
    result = await sendMessage(
      { kind: channel.kind, settings: channel.settings as Record<string, unknown>, secrets: openSecrets(channel), timeoutMs: channel.timeoutMs },
      message,
      new Date(),
    );
  } catch (err) {
    // openSecrets: sealed with another key on this replica — not a receiver's fault, may be fixed.
    result = { ok: false, statusCode: null, error: (err as Error).message };
  }
  const at = new Date();
  await db.notificationAttempt.create({
    data: { deliveryId: d.id, at, durationMs: at.getTime() - started, ok: result.ok, statusCode: result.statusCode, error: result.error, by: DISPATCHER_ID },
  });
  if (result.ok) {
    await finish(db, d, { status: "DELIVERED", deliveredAt: at, lastError: null, lastStatusCode: result.statusCode });
  } else if (d.event === "TEST" || afterFailure(result.statusCode, at.getTime() - d.queuedAt.getTime(), cfg.giveUpMs) === "dead") {
    await finish(db, d, { status: "DEAD", lastError: result.error, lastStatusCode: result.statusCode });
  } else {
    const next = new Date(at.getTime() + retryDelayMs(d.attempts, cfg.retryBaseMs, cfg.retryMaxMs));
    await finish(db, d, { status: "PENDING", nextAttemptAt: next, lastError: result.error, lastStatusCode: result.statusCode });
  }
  return result;
}
