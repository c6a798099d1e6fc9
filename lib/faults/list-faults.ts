import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseFaultKey } from "./fingerprint";
import type { FaultListQuery } from "./schemas";
import { faultInclude, toFaultView, type FaultView } from "./view";

/** The filter of a fault list query (shared by the page, the export and the API). */
export function faultWhere(q: Omit<FaultListQuery, "cursor" | "limit">): Prisma.FaultWhereInput {
  if (q.from && q.to && new Date(q.from) > new Date(q.to)) throw new AppError("VALIDATION", "from: must not be after `to`", "from");
  const and: Prisma.FaultWhereInput[] = [];
  if (q.status) and.push({ status: { in: q.status } });
  if (q.type) and.push({ type: { in: q.type } });
  if (q.severity) and.push({ severity: { in: q.severity } });
  if (q.serviceId) and.push({ serviceId: q.serviceId });
  if (q.instanceId) and.push({ instanceId: q.instanceId });
  if (q.postmortem) and.push({ postmortemAt: q.postmortem === "true" ? { not: null } : null });
  if (q.to) and.push({ startedAt: { lte: new Date(q.to) } });
  if (q.from) and.push({ OR: [{ resolvedAt: null }, { resolvedAt: { gte: new Date(q.from) } }] });
  if (q.q) {
    const n = parseFaultKey(q.q);
    const text = { contains: q.q, mode: "insensitive" as const };
    and.push({
      OR: [...(n !== undefined ? [{ number: n }] : []), { cause: text }, { resolution: text }, { service: { name: text } }, { instance: { name: text } }],
    });
  }
  return { AND: and };
}

/** Faults newest first (by number), filtered, with cursor paging. */
export async function listFaults(db: Db, q: FaultListQuery): Promise<{ items: FaultView[]; nextCursor: string | null }> {
  const where = faultWhere(q);
  if (q.cursor) where.AND = [...(where.AND as Prisma.FaultWhereInput[]), { number: { lt: Number(q.cursor) } }];
  const rows = await db.fault.findMany({ where, include: faultInclude, orderBy: { number: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const now = new Date();
  return { items: page.map((r) => toFaultView(r, now)), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.number) : null };
}
