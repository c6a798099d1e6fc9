import { RequiredReason } from "@/lib/audit/reason";
import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { balancerTxTimeoutMs } from "@/lib/balancer/client-for";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { fingerprints } from "@/lib/faults/fingerprint";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { assessFailover, type FailoverKindName } from "./assess";
import { isForceable } from "./plan";
import { runFailover } from "./run-failover";
import { toStored } from "./stored-steps";
import { UNRESOLVED } from "@/lib/faults/unresolved";
import { runningFailoverOf } from "./running-failover";

export const FailoverBody = z.strictObject({
  toPoolId: z.uuid({ error: "must be a pool id (uuid)" }).optional(),
  reason: RequiredReason,
  force: z.boolean({ error: "must be true or false" }).optional(),
});
export type FailoverBody = z.infer<typeof FailoverBody>;

export type { FailoverKindName };

/** A retry with the same Idempotency-Key must be the same request (service and kind). */
function sameRequest<T extends { serviceId: string; kind: FailoverKindName }>(first: T, serviceId: string, kind: FailoverKindName): T {
  if (first.serviceId !== serviceId || first.kind !== kind) {
    throw new AppError("CONFLICT", `Idempotency-Key was already used for a ${first.kind.toLowerCase()} of another request`, "Idempotency-Key");
  }
  return first;
}

/**
 * Start a failover (or fail-back) of a service: pre-flight, plan, record it PENDING (audited),
 * then run it in the background and answer at once (202). A retried request with the same
 * Idempotency-Key returns the first failover; a second one while one runs is a 409 (an advisory
 * lock here, and a partial unique index as the backstop across replicas).
 */
export async function startFailover(
  db: Db,
  ctx: AuditContext,
  serviceId: string,
  kind: FailoverKindName,
  body: FailoverBody,
  /** Retries with the same key get the first failover back (null: no key). */
  idempotencyKey: string | null,
  trigger: "MANUAL" | "AUTOMATIC" = "MANUAL",
): Promise<{ id: string; state: string; replayed: boolean }> {
  if (idempotencyKey) {
    const first = await db.failover.findUnique({ where: { idempotencyKey } });
    if (first) {
      sameRequest(first, serviceId, kind);
      return { id: first.id, state: first.state, replayed: true };
    }
  }
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { name: true } });
  const action = trigger === "AUTOMATIC" ? "service.auto_failover" : kind === "FAILBACK" ? "service.failback" : "service.failover";
  const created = await audited(
    db,
    ctx,
    { action, target: { kind: "service", id: serviceId, name: service?.name }, reason: body.reason },
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`failover:${serviceId}`}, 0))`;
      // A retry that raced the first request here: answer with the first one.
      const twin = idempotencyKey ? await tx.failover.findUnique({ where: { idempotencyKey } }) : null;
      if (twin) return { value: { row: sameRequest(twin, serviceId, kind), replayed: true }, after: { replayOf: twin.id } };
      const running = await runningFailoverOf(tx, serviceId);
      if (running) throw new AppError("CONFLICT", `a failover of ${service?.name ?? serviceId} is already running (${running.id})`);
      const { sp, to, reasons, steps } = await assessFailover(tx, serviceId, { kind, toPoolId: body.toPoolId });
      // HAProxy unreachable or answering errors: 502/504 now, not a failover that fails at step 1.
      if (sp.balancerError) throw sp.balancerError;
      if (reasons.length > 0 && !(body.force && isForceable(reasons))) {
        const hint = isForceable(reasons) ? " (send force: true with a reason to override)" : "";
        throw new AppError(
          "CONFLICT",
          `pre-flight refused ${kind === "FAILBACK" ? "fail-back" : "failover"} to ${to.name}: ${reasons.map((r) => r.message).join("; ")}${hint}`,
        );
      }
      const serviceFault = await tx.fault.findFirst({
        where: { fingerprint: { in: fingerprints.serviceLevel(serviceId) }, ...UNRESOLVED },
        orderBy: { detectedAt: "asc" },
        select: { id: true },
      });
      const row = await tx.failover.create({
        data: {
          serviceId,
          fromPoolId: sp.from.id,
          toPoolId: to.id,
          kind,
          trigger,
          actor: ctx.actor.name,
          reason: body.reason,
          forced: reasons.length > 0,
          steps: toStored(steps) as unknown as Prisma.InputJsonValue,
          faultId: serviceFault?.id ?? null,
          idempotencyKey,
        },
      });
      const after = {
        failoverId: row.id,
        from: sp.from.name,
        to: to.name,
        forced: row.forced,
        overridden: row.forced ? reasons.map((r) => r.message) : undefined,
      };
      return { value: { row, replayed: false }, before: { active: sp.from.name }, after };
    },
    { timeoutMs: balancerTxTimeoutMs() },
  );
  const { row, replayed } = created;
  if (!replayed) void runFailover(db, row.id).catch((err) => log.error({ err: (err as Error).message, failover: row.id }, "failover runner crashed"));
  return { id: row.id, state: row.state, replayed };
}
