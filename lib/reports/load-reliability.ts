import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketMsFor } from "./buckets";
import type { FaultRollup, FaultSums } from "./fault-stats";
import { reliabilityReport, type NamedInstanceFigures, type ReliabilityReport } from "./reliability";
import { resolveRange, type ReliabilityQuery } from "./schemas";

type Range = { from: Date; to: Date };

const serviceFilter = (serviceId: string | undefined, column = Prisma.sql`"serviceId"`) =>
  serviceId ? Prisma.sql`AND ${column} = ${serviceId}::uuid` : Prisma.empty;

// Computed in the inner (grouping) query, passed through by the outer one.
const SUM_COLUMNS = Prisma.sql`g."count", g."ttdSumMs", g."ackCount", g."ttaSumMs", g."resolvedCount", g."ttrSumMs"`;
const SUMS = Prisma.sql`count(*)::int AS "count",
  coalesce(extract(epoch from sum("detectedAt" - "startedAt")) * 1000, 0)::float8 AS "ttdSumMs",
  count("acknowledgedAt")::int AS "ackCount",
  coalesce(extract(epoch from sum("acknowledgedAt" - "detectedAt")) * 1000, 0)::float8 AS "ttaSumMs",
  count("resolvedAt")::int AS "resolvedCount",
  coalesce(extract(epoch from sum("resolvedAt" - "startedAt")) * 1000, 0)::float8 AS "ttrSumMs"`;

const clean = (x: FaultSums): FaultSums => ({
  count: x.count,
  ttdSumMs: Math.round(x.ttdSumMs),
  ackCount: x.ackCount,
  ttaSumMs: Math.round(x.ttaSumMs),
  resolvedCount: x.resolvedCount,
  ttrSumMs: Math.round(x.ttrSumMs),
});

/**
 * Fault sums aggregated in SQL: the same numbers as rollup(bucketFaults(…)) (./fault-stats.ts)
 * without sending every fault row to Node. Two hash aggregates grouped on the raw uuid/enum/
 * timestamp columns (grouping on casts made PostgreSQL sort 100k rows on disk); intervals are
 * summed first and converted once.
 */
export async function loadFaultRollup(db: Db, r: Range, bucketMs: number, serviceId?: string): Promise<FaultRollup> {
  const where = Prisma.sql`WHERE "startedAt" >= ${r.from}::timestamptz AND "startedAt" < ${r.to}::timestamptz ${serviceFilter(serviceId)}`;
  const every = `${bucketMs / 1000} seconds`;
  const [byService, byBucket] = await Promise.all([
    db.$queryRaw<(FaultSums & { serviceId: string })[]>(Prisma.sql`
      SELECT g."serviceId"::text AS "serviceId", ${SUM_COLUMNS} FROM (SELECT "serviceId", ${SUMS} FROM "Fault" ${where} GROUP BY "serviceId") g`),
    db.$queryRaw<(FaultSums & { bucket: number; type: string })[]>(Prisma.sql`
      SELECT (extract(epoch from g.b) * 1000)::float8 AS "bucket", g."type"::text AS "type", ${SUM_COLUMNS} FROM (
        SELECT date_bin(${every}::interval, "startedAt", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS b, "type", ${SUMS} FROM "Fault" ${where} GROUP BY 1, 2) g`),
  ]);
  return {
    byService: byService.map((x) => ({ serviceId: x.serviceId, ...clean(x) })).sort((a, b) => a.serviceId.localeCompare(b.serviceId)),
    byBucket: byBucket.map((x) => ({ bucket: x.bucket, type: x.type, ...clean(x) })).sort((a, b) => a.bucket - b.bucket || a.type.localeCompare(b.type)),
  };
}

/**
 * Per-instance faults, downtime (DOWN faults clipped to the range; one instance never has two
 * overlapping DOWN faults — a partial unique index — so a sum equals the union) and flapping.
 * Aggregated first, names joined to the ~1k result rows after.
 */
export async function loadInstanceFigures(db: Db, r: Range, serviceId?: string): Promise<NamedInstanceFigures[]> {
  return db.$queryRaw<NamedInstanceFigures[]>(Prisma.sql`
    WITH agg AS (
      SELECT f."instanceId",
             (count(*) FILTER (WHERE f."startedAt" >= ${r.from}::timestamptz))::int AS "faults",
             round(coalesce(extract(epoch from sum(least(coalesce(f."resolvedAt", ${r.to}::timestamptz), ${r.to}::timestamptz) - greatest(f."startedAt", ${r.from}::timestamptz))
               FILTER (WHERE f."fingerprint" LIKE 'instance:%:down')), 0) * 1000)::float8 AS "downMs",
             (count(*) FILTER (WHERE f."flapping"))::int AS "flappingFaults",
             coalesce(sum(f."flapCount") FILTER (WHERE f."flapping"), 0)::int AS "flaps"
        FROM "Fault" f
       WHERE f."instanceId" IS NOT NULL AND f."startedAt" < ${r.to}::timestamptz
         AND (f."resolvedAt" IS NULL OR f."resolvedAt" > ${r.from}::timestamptz) ${serviceFilter(serviceId, Prisma.sql`f."serviceId"`)}
       GROUP BY f."instanceId")
    SELECT agg."instanceId"::text AS "instanceId", i."name" AS "name", s."name" AS "serviceName", agg."faults", agg."downMs", agg."flappingFaults", agg."flaps"
      FROM agg JOIN "Instance" i ON i."id" = agg."instanceId" JOIN "Pool" p ON p."id" = i."poolId" JOIN "Service" s ON s."id" = p."serviceId"`);
}

/** GET /api/v1/reports/reliability: load what the report needs, then compute it (pure). */
export async function loadReliabilityReport(db: Db, q: ReliabilityQuery, now = Date.now()): Promise<ReliabilityReport> {
  const { from, to } = resolveRange(q, now);
  const r = { from: new Date(from), to: new Date(to) };
  const bucketMs = bucketMsFor(from, to);
  const overlaps = { startedAt: { lt: r.to }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: r.from } }] };
  const [services, outages, maintenance, faults, instances] = await Promise.all([
    db.service.findMany({
      where: q.serviceId ? { id: q.serviceId } : {},
      select: { id: true, name: true, sloTargetPct: true, createdAt: true },
      orderBy: { name: "asc" },
    }),
    // A SERVICE_DOWN fault without instance: the poller's (no healthy instance in the active
    // pool) or one an operator recorded for the whole service.
    db.fault.findMany({
      where: { type: "SERVICE_DOWN", instanceId: null, serviceId: q.serviceId, ...overlaps },
      select: { serviceId: true, startedAt: true, resolvedAt: true },
    }),
    db.maintenanceWindow.findMany({
      where: { serviceId: q.serviceId ?? { not: null }, startsAt: { lt: r.to }, endsAt: { gt: r.from } },
      select: { serviceId: true, startsAt: true, endsAt: true, cancelledAt: true },
    }),
    loadFaultRollup(db, r, bucketMs, q.serviceId),
    loadInstanceFigures(db, r, q.serviceId),
  ]);
  if (q.serviceId && services.length === 0) throw new AppError("VALIDATION", "serviceId: no such service", "serviceId");
  return reliabilityReport({
    from,
    to,
    bucketMs,
    services: services.map((s) => ({ ...s, createdAt: s.createdAt.getTime() })),
    outages: outages.map((o) => ({ serviceId: o.serviceId, startedAt: o.startedAt.getTime(), resolvedAt: o.resolvedAt?.getTime() ?? null })),
    maintenance: maintenance.map((m) => ({
      serviceId: m.serviceId!,
      startsAt: m.startsAt.getTime(),
      endsAt: m.endsAt.getTime(),
      cancelledAt: m.cancelledAt?.getTime() ?? null,
    })),
    faults,
    instances,
  });
}
