/**
 * The reliability report: per-service availability, fault counts, MTTD/MTTA/MTTR/MTBF, SLO error
 * budget, and the chart series — from records the loader fetched. Pure: the page, the API and the
 * tests all see the numbers this function computes.
 *
 * Definitions (also the hover texts, lib/reports/explain.ts):
 * - faults: fault records (instance and service level) of the service that started in the range;
 * - MTTD = mean(detectedAt − startedAt) over those faults;
 * - MTTA = mean(acknowledgedAt − detectedAt) over those that were acknowledged;
 * - MTTR = mean(resolvedAt − startedAt) over those that were resolved (open ones are left out);
 * - MTBF = serving time ÷ faults (null without faults);
 * - availability, see ./availability.ts;
 * - error budget = (1 − SLO target) × (range − maintenance); remaining = budget − down.
 */
import { availabilityIn, serviceSpans, type AvailabilityFigures, type MaintenanceRecord, type OutageRecord } from "./availability";
import { bucketStarts } from "./buckets";
import { mean, totals, type FaultRollup, type FaultSums, type Mean } from "./fault-stats";
import { rankInstances, type InstanceFigures } from "./instances";

interface ServiceInfo {
  id: string;
  name: string;
  sloTargetPct: number;
  /** Epoch ms: the service is not measured before it existed. */
  createdAt: number;
}

export interface NamedInstanceFigures extends InstanceFigures {
  name: string;
  serviceName: string;
}

export interface ReliabilityInput {
  from: number;
  to: number;
  bucketMs: number;
  services: readonly ServiceInfo[];
  outages: readonly OutageRecord[];
  maintenance: readonly MaintenanceRecord[];
  /** Fault sums of the selected services (the loader filters by service). */
  faults: FaultRollup;
  instances: readonly NamedInstanceFigures[];
}

interface SloFigures {
  targetPct: number;
  /** Allowed down time: (1 − target/100) × (range − maintenance). */
  budgetMs: number;
  usedMs: number;
  remainingMs: number;
  /** remaining ÷ budget × 100 (negative once overspent); null with a zero budget. */
  remainingPct: number | null;
  met: boolean | null;
}

export interface ServiceReliability extends AvailabilityFigures {
  serviceId: string;
  name: string;
  /** The measured range (starts when the service was created, if later than `from`). */
  from: string;
  to: string;
  faults: number;
  mttd: Mean;
  mtta: Mean;
  mttr: Mean;
  mtbf: Mean;
  slo: SloFigures;
  /** Availability per bucket (null before the service existed or when all maintenance). */
  series: { t: string; availabilityPct: number | null; downMs: number; maintenanceMs: number }[];
  /** Error budget remaining at the end of each bucket, and where an even burn would be. */
  burn: { t: string; remainingPct: number | null; evenPct: number | null; usedMs: number }[];
}

export interface ReliabilityReport {
  from: string;
  to: string;
  bucketMs: number;
  services: ServiceReliability[];
  /** Every fault of the selected services that started in each bucket, by type. */
  faultsPerBucket: { t: string; total: number; byType: Record<string, number> }[];
  /** The fault types present (chart series order). */
  types: string[];
  mttrTrend: { t: string; mttr: Mean }[];
  topByFaults: NamedInstanceFigures[];
  topByDowntime: NamedInstanceFigures[];
  flapping: NamedInstanceFigures[];
}

const iso = (t: number) => new Date(t).toISOString();

function slo(targetPct: number, a: AvailabilityFigures): SloFigures {
  const budgetMs = Math.round((1 - targetPct / 100) * (a.rangeMs - a.maintenanceMs));
  const remainingMs = budgetMs - a.downMs;
  return {
    targetPct,
    budgetMs,
    usedMs: a.downMs,
    remainingMs,
    remainingPct: budgetMs > 0 ? (remainingMs / budgetMs) * 100 : null,
    met: a.availabilityPct === null ? null : a.availabilityPct >= targetPct,
  };
}

function serviceReport(s: ServiceInfo, input: ReliabilityInput, starts: number[]): ServiceReliability {
  const range = { start: Math.min(Math.max(input.from, s.createdAt), input.to), end: input.to };
  const spans = serviceSpans(
    input.outages.filter((o) => o.serviceId === s.id),
    input.maintenance.filter((m) => m.serviceId === s.id),
    range,
  );
  const a = availabilityIn(spans, range, spans.outages);
  const t = totals(input.faults.byService.filter((b) => b.serviceId === s.id));
  const budget = slo(s.sloTargetPct, a);
  const measured = a.rangeMs - a.maintenanceMs;
  const series = starts.map((b) => {
    const sub = { start: Math.max(b, range.start), end: Math.min(b + input.bucketMs, range.end) };
    const f = sub.end > sub.start ? availabilityIn(spans, sub) : null;
    return { t: iso(b), availabilityPct: f?.availabilityPct ?? null, downMs: f?.downMs ?? 0, maintenanceMs: f?.maintenanceMs ?? 0 };
  });
  const burn = starts.map((b) => {
    const end = Math.min(b + input.bucketMs, range.end);
    const sofar = end > range.start ? availabilityIn(spans, { start: range.start, end }) : null;
    const usedMs = sofar?.downMs ?? 0;
    const elapsed = sofar ? sofar.rangeMs - sofar.maintenanceMs : 0;
    return {
      t: iso(b),
      usedMs,
      remainingPct: budget.budgetMs > 0 ? ((budget.budgetMs - usedMs) / budget.budgetMs) * 100 : null,
      evenPct: measured > 0 ? (1 - elapsed / measured) * 100 : null,
    };
  });
  return {
    serviceId: s.id,
    name: s.name,
    from: iso(range.start),
    to: iso(range.end),
    ...a,
    ...t,
    mtbf: mean(a.servingMs, t.faults),
    slo: budget,
    series,
    burn,
  };
}

/** The whole report for `input` (services in the order given). */
export function reliabilityReport(input: ReliabilityInput): ReliabilityReport {
  const starts = bucketStarts(input.from, input.to, input.bucketMs);
  const buckets = input.faults.byBucket;
  const types = [...new Set(buckets.map((b) => b.type))].sort();
  const byBucket = new Map<number, (FaultSums & { type: string })[]>();
  for (const b of buckets) byBucket.set(b.bucket, [...(byBucket.get(b.bucket) ?? []), b]);
  const ranked = rankInstances(input.instances);
  return {
    from: iso(input.from),
    to: iso(input.to),
    bucketMs: input.bucketMs,
    services: input.services.map((s) => serviceReport(s, input, starts)),
    faultsPerBucket: starts.map((t) => {
      const here = byBucket.get(t) ?? [];
      const byType: Record<string, number> = {};
      for (const b of here) byType[b.type] = (byType[b.type] ?? 0) + b.count;
      return { t: iso(t), total: here.reduce((n, b) => n + b.count, 0), byType };
    }),
    types,
    mttrTrend: starts.map((t) => ({ t: iso(t), mttr: totals(byBucket.get(t) ?? []).mttr })),
    topByFaults: ranked.byFaults,
    topByDowntime: ranked.byDowntime,
    flapping: ranked.flapping,
  };
}
