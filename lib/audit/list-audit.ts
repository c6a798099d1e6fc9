import { z } from "zod";
import { INT8_MAX, IsoTime, numericCursor } from "@/lib/http/fields";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_TARGET_KINDS } from "./catalogue";

export const AuditListQuery = z.object({
  /** Exact actor (`ops@example.com`, `token:ci`). */
  actor: z.string().max(200).optional(),
  /** Action or action prefix (`user.` matches every user action). */
  action: z.string().max(100).optional(),
  /** Substring of the target or its name (`checkout-blue-1`, an email, `token:ci`). */
  target: z.string().max(200).optional(),
  result: z.enum(["OK", "FAILED"]).optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  cursor: numericCursor(INT8_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export interface AuditView {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  /** The target's name when it was written, if it has one. */
  targetName: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  result: "OK" | "FAILED";
  error: string | null;
  requestId: string | null;
  clientIp: string | null;
}

/**
 * A target filter matches the stored key (`instance:<id>`), the name (`checkout-blue-1`), or a
 * kind and name together (`token:ci`, the way targets were written before they went by id).
 */
function targetFilter(t: string): Prisma.AuditEntryWhereInput[] {
  const or: Prisma.AuditEntryWhereInput[] = [{ target: { contains: t, mode: "insensitive" } }, { targetName: { contains: t, mode: "insensitive" } }];
  const [kind, ...rest] = t.split(":");
  const name = rest.join(":");
  if (name && (AUDIT_TARGET_KINDS as readonly string[]).includes(kind!))
    or.push({ target: { startsWith: `${kind}:` }, targetName: { contains: name, mode: "insensitive" } });
  return or;
}

/** Audit entries newest first, filtered; the cursor is the last entry's id. */
export async function listAudit(db: Db, q: AuditListQuery): Promise<{ items: AuditView[]; nextCursor: string | null }> {
  if (q.from && q.to && new Date(q.from) > new Date(q.to)) throw new AppError("VALIDATION", "from: must not be after `to`", "from");
  const where: Prisma.AuditEntryWhereInput = {
    actor: q.actor || undefined,
    action: q.action ? (q.action.endsWith(".") ? { startsWith: q.action } : q.action) : undefined,
    OR: q.target ? targetFilter(q.target) : undefined,
    result: q.result,
    at: q.from || q.to ? { gte: q.from ? new Date(q.from) : undefined, lte: q.to ? new Date(q.to) : undefined } : undefined,
    id: q.cursor ? { lt: BigInt(q.cursor) } : undefined,
  };
  const rows = await db.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      target: r.target,
      targetName: r.targetName,
      reason: r.reason,
      before: r.before,
      after: r.after,
      result: r.result,
      error: r.error,
      requestId: r.requestId,
      clientIp: r.clientIp,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
