import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toStepView, type StoredStep } from "./stored-steps";
import type { FailoverView } from "./views";

const failoverInclude = {
  fromPool: { select: { id: true, name: true } },
  toPool: { select: { id: true, name: true } },
  service: { select: { name: true } },
} as const;

type Row = Prisma.FailoverGetPayload<{ include: typeof failoverInclude }>;

function toFailoverView(f: Row): FailoverView {
  return {
    id: f.id,
    serviceId: f.serviceId,
    serviceName: f.service.name,
    kind: f.kind,
    trigger: f.trigger,
    actor: f.actor,
    reason: f.reason,
    forced: f.forced,
    state: f.state,
    fromPool: f.fromPool,
    toPool: f.toPool,
    steps: (f.steps as unknown as StoredStep[]).map(toStepView),
    error: f.error,
    faultId: f.faultId,
    createdAt: f.createdAt.toISOString(),
    startedAt: f.startedAt?.toISOString() ?? null,
    finishedAt: f.finishedAt?.toISOString() ?? null,
    durationMs: f.finishedAt ? f.finishedAt.getTime() - f.createdAt.getTime() : null,
  };
}

export async function getFailover(db: Db, id: string): Promise<FailoverView> {
  const f = await db.failover.findUnique({ where: { id }, include: failoverInclude });
  if (!f) throw notFound("failover");
  return toFailoverView(f);
}

/** Newest first. */
export async function recentFailovers(db: Db, serviceId: string, take = 20): Promise<FailoverView[]> {
  const rows = await db.failover.findMany({ where: { serviceId }, orderBy: { createdAt: "desc" }, take, include: failoverInclude });
  return rows.map(toFailoverView);
}
