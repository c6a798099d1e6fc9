import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { targetKey, type AuditAction, type AuditTarget } from "./catalogue";

export interface AuditWrite {
  /** User email, `token:<name>`, or a system actor (`policy`, `reconciler`, `system`). */
  actor: string;
  action: AuditAction;
  target: AuditTarget;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  result: "OK" | "FAILED";
  error?: string | null;
  requestId?: string | null;
  clientIp?: string | null;
}

// Values go through JSON so Dates, class instances and undefined fields store as a reader sees them.
const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/**
 * Append one audit entry: the only place that writes an AuditEntry row. Pass the transaction of
 * the change it records (both commit or neither), or the client itself for a standalone entry.
 */
export async function writeAudit(tx: Tx, e: AuditWrite): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actor: e.actor,
      action: e.action,
      target: targetKey(e.target),
      targetName: e.target.name ?? null,
      reason: e.reason ?? null,
      before: json(e.before),
      after: json(e.after),
      result: e.result,
      error: e.error ?? null,
      requestId: e.requestId ?? null,
      clientIp: e.clientIp ?? null,
    },
  });
}
