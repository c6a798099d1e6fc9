import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientIp, requestId } from "@/lib/http/request-context";

export type Tx = Prisma.TransactionClient;

/** Who did it, from where: attached to every audit entry. */
export interface AuditContext {
  actor: Actor;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditSpec {
  /** Dotted verb, e.g. `user.create`, `token.revoke`. */
  action: string;
  /** `<type>:<name or id>`, e.g. `user:ops@example.com`. */
  target: string;
  reason?: string | null;
}

export interface Outcome<T> {
  value: T;
  before?: unknown;
  after?: unknown;
  /** Overrides the spec's target when it is only known after the change (a created id). */
  target?: string;
}

export function auditContext(req: Request, actor: Actor): AuditContext {
  return { actor, requestId: requestId(req), clientIp: clientIp(req) };
}

const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/**
 * Run a mutation and its audit entry in one transaction: either both are stored or neither.
 * When the mutation fails, a FAILED entry with the error is written on its own (the change
 * itself rolled back), so refused and broken attempts are reviewable too.
 */
export async function audited<T>(
  ctx: AuditContext,
  spec: AuditSpec,
  work: (tx: Tx) => Promise<Outcome<T>>,
  /** Transaction timeout (Prisma's default is 5 s; balancer changes wait on HAProxy). */
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const base = {
    actor: ctx.actor.name,
    action: spec.action,
    reason: spec.reason ?? null,
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
  };
  try {
    return await db().$transaction(
      async (tx) => {
        const out = await work(tx);
        await tx.auditEntry.create({
          data: { ...base, target: out.target ?? spec.target, before: json(out.before), after: json(out.after), result: "OK" },
        });
        return out.value;
      },
      options.timeoutMs ? { timeout: options.timeoutMs, maxWait: options.timeoutMs } : undefined,
    );
  } catch (err) {
    const message = err instanceof AppError ? err.message : `internal error (${(err as Error)?.name ?? "Error"})`;
    await db().auditEntry.create({ data: { ...base, target: spec.target, result: "FAILED", error: message } });
    throw err;
  }
}
