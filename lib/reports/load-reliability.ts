import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketMsFor } from "./buckets";
import type { FaultBucket } from "./fault-stats";
import { reliabilityReport, type NamedInstanceFigures, type ReliabilityReport } from "./reliability";
import { resolveRange, type ReliabilityQuery } from "./schemas";

type Range = { from: Date; to: Date };

const serviceFilter = (serviceId: string | undefined, column = Prisma.sql`"serviceId"`) =>
  serviceId ? Prisma.sql`AND ${column} = ${serviceId}::uuid` : Prisma.empty;

/**
 * Fault buckets aggregated in SQL: the same sums as bucketFaults (./fault-stats.ts) without
 * sending every fault row to Node (100k faults → a few thousand rows). Uses Fault(startedAt).
 */
export async function loadFaultBuckets(db: Db, r: Range, bucketMs: number, serviceId?: string): Promise<FaultBucket[]> {
  const every = `${bucketMs / 1000} seconds`;
  const ms = (expr: Prisma.Sql) => Prisma.sql`coalesce(sum(extract(epoch from ${expr})) * 1000, 0)::float8`;
  const rows = await db.$queryRaw<FaultBucket[]>(Prisma.sql`
    SELECT "serviceId"::text AS "serviceId",
           (extract(epoch from date_bin(${every}::interval, "startedAt", TIMESTAMPTZ '1970-01-01 00:00:00+00')) * 1000)::float8 AS "bucket",
           "type"::text AS "type",
           count(*)::int AS "count",
           ${ms(Prisma.sql`"detectedAt" - "startedAt"`)} AS "ttdSumMs",
           count("acknowledgedAt")::int AS "ackCount",
           ${ms(Prisma.sql`"acknowledgedAt" - "detectedAt"`)} AS "ttaSumMs",
           count("resolvedAt")::int AS "resolvedCount",
           ${ms(Prisma.sql`"resolvedAt" - "startedAt"`)} AS "ttrSumMs"
      FROM "Fault"
     WHERE "startedAt" >= ${r.from}::timestamptz AND "startedAt" < ${r.to}::timestamptz ${serviceFilter(serviceId)}
     GROUP BY 1, 2, 3`);
  return rows.map((b) => ({ ...b, ttdSumMs: Math.round(b.ttdSumMs), ttaSumMs: Math.round(b.ttaSumMs), ttrSumMs: Math.round(b.ttrSumMs) }));
}

/**
 * Per-instance faults, downtime (DOWN faults clipped to the range; one instance never has two
 * overlapping DOWN faults — a partial unique index — so a sum equals the union) and flapping.
 */
export async function loadInstanceFigures(db: Db, r: Range, serviceId?: string): Promise<NamedInstanceFigures[]> {
  return db.$queryRaw<NamedInstanceFigures[]>(Prisma.sql`
    SELECT f."instanceId"::text AS "instanceId", i."name" AS "name", s."name" AS "serviceName",
           (count(*) FILTER (WHERE f."startedAt" >= ${r.from}::timestamptz))::int AS "faults",
           round(coalesce(sum(extract(epoch from least(coalesce(f."resolvedAt", ${r.to}::timestamptz), ${r.to}::timestamptz) - greatest(f."startedAt", ${r.from}::timestamptz)))
             FILTER (WHERE f."fingerprint" LIKE 'instance:%:down'), 0) * 1000)::float8 AS "downMs",
           (count(*) FILTER (WHERE f."flapping"))::int AS "flappingFaults",
           coalesce(sum(f."flapCount") FILTER (WHERE f."flapping"), 0)::int AS "flaps"
      FROM "Fault" f
      JOIN "Instance" i ON i."id" = f."instanceId"
      JOIN "Service" s ON s."id" = f."serviceId"
     WHERE f."instanceId" IS NOT NULL AND f."startedAt" < ${r.to}::timestamptz
       AND (f."resolvedAt" IS NULL OR f."resolvedAt" > ${r.from}::timestamptz) ${serviceFilter(serviceId, Prisma.sql`f."serviceId"`)}
     GROUP BY f."instanceId", i."name", s."name"`);
}

/** GET /api/v1/reports/reliability: load what the report needs, then compute it (pure). */
export async function loadReliabilityReport(db: Db, q: ReliabilityQuery, now = Date.now()): Promise<ReliabilityReport> {
  const { from, to } = resolveRange(q, now);
  const r = { from: new Date(from), to: new Date(to) };
  const bucketMs = bucketMsFor(from, to);
  const overlaps = { startedAt: { lt: r.to }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: r.from } }] };
  const [services, outages, maintenance, buckets, instances] = await Promise.all([
    db.service.findMany({ where: q.serviceId ? { id: q.serviceId } : {}, select: { id: true, name: true, sloTargetPct: true, createdAt: true }, orderBy: { name: "asc" } }),
    // A SERVICE_DOWN fault without instance: the poller's (no healthy instance in the active
    // pool) or one an operator recorded for the whole service.
    db.fault.findMany({ where: { type: "SERVICE_DOWN", instanceId: null, serviceId: q.serviceId, ...overlaps }, select: { serviceId: true, startedAt: true, resolvedAt: true } }),
    db.maintenanceWindow.findMany({
      where: { serviceId: q.serviceId ?? { not: null }, startsAt: { lt: r.to }, endsAt: { gt: r.from } },
      select: { serviceId: true, startsAt: true, endsAt: true, cancelledAt: true },
    }),
    loadFaultBuckets(db, r, bucketMs, q.serviceId),
    loadInstanceFigures(db, r, q.serviceId),
  ]);
  if (q.serviceId && services.length === 0) throw new AppError("VALIDATION", "serviceId: no such service", "serviceId");
  return reliabilityReport({
    from,
    to,
    bucketMs,
    services: services.map((s) => ({ ...s, createdAt: s.createdAt.getTime() })),
    outages: outages.map((o) => ({ serviceId: o.serviceId, startedAt: o.startedAt.getTime(), resolvedAt: o.resolvedAt?.getTime() ?? null })),
    maintenance: maintenance.map((m) => ({ serviceId: m.serviceId!, startsAt: m.startsAt.getTime(), endsAt: m.endsAt.getTime(), cancelledAt: m.cancelledAt?.getTime() ?? null })),
    buckets,
    instances,
  });
}
