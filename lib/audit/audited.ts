import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { AuditAction, AuditTarget } from "./catalogue";
import { writeAudit } from "./write-audit";

/**
 * Who, as the audit log needs it. lib/auth's Actor extends this, so the audit room sits below
 * the auth room and the authorisation gate can record its refusals.
 */
export interface AuditActor {
  kind: "user" | "token";
  /** The user's email, or `token:<name>`. */
  name: string;
}

/** Who did it, from where: attached to every audit entry. */
export interface AuditContext {
  actor: AuditActor;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditSpec {
  action: AuditAction;
  /** By id, with the name alongside when known (`{ kind: "user", id, name: email }`). */
  target: AuditTarget;
  reason?: string | null;
}

export interface Outcome<T> {
  value: T;
  before?: unknown;
  after?: unknown;
  /** Overrides the spec's target when it is only known after the change (a created id, a name). */
  target?: AuditTarget;
}

/**
 * Run a mutation and its audit entry in one transaction on `db`: either both are stored or
 * neither. When the mutation fails, a FAILED entry with the error is written on its own (the
 * change itself rolled back), so refused and broken attempts are reviewable too.
 */
export async function audited<T>(
  db: Db,
  ctx: AuditContext,
  spec: AuditSpec,
  work: (tx: Tx) => Promise<Outcome<T>>,
  /** Transaction timeout (Prisma's default is 5 s; balancer changes wait on HAProxy). */
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const base = { actor: ctx.actor.name, action: spec.action, reason: spec.reason ?? null, requestId: ctx.requestId, clientIp: ctx.clientIp };
  try {
    return await db.$transaction(
      async (tx) => {
        const out = await work(tx);
        await writeAudit(tx, { ...base, target: out.target ?? spec.target, before: out.before, after: out.after, result: "OK" });
        return out.value;
      },
      options.timeoutMs ? { timeout: options.timeoutMs, maxWait: options.timeoutMs } : undefined,
    );
  } catch (err) {
    const message = err instanceof AppError ? err.message : `internal error (${(err as Error)?.name ?? "Error"})`;
    await writeAudit(db, { ...base, target: spec.target, result: "FAILED", error: message });
    throw err;
  }
}
