/**
 * Fault counts and mean times (MTTD, MTTA, MTTR) per service, per bucket and per type. Pure.
 *
 * The database aggregates the same buckets in SQL (lib/reports/load-reliability.ts) so a 30-day
 * report over 100k faults stays fast; `bucketFaults` is the reference the unit tests pin down and
 * the integration test compares the SQL against.
 */
import { bucketOf } from "./buckets";

/** What the reports need of one fault record. Times in epoch ms. */
export interface FaultRecord {
  serviceId: string;
  instanceId: string | null;
  type: string;
  startedAt: number;
  detectedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  flapping: boolean;
  flapCount: number;
  /** An outage of the instance (fingerprint `…:down`), not a degradation. */
  down: boolean;
}

/** Counts and time sums over a set of faults. */
export interface FaultSums {
  count: number;
  /** Σ (detectedAt − startedAt). */
  ttdSumMs: number;
  ackCount: number;
  /** Σ (acknowledgedAt − detectedAt) over acknowledged faults. */
  ttaSumMs: number;
  resolvedCount: number;
  /** Σ (resolvedAt − startedAt) over resolved faults. */
  ttrSumMs: number;
}

/** Sums per (service, bucket, type) over the faults that STARTED in the range. */
export interface FaultBucket extends FaultSums {
  serviceId: string;
  /** Bucket start, epoch ms. */
  bucket: number;
  type: string;
}

/**
 * What the report needs of the buckets: sums per service (the table) and per bucket and type (the
 * charts). The database computes exactly this with GROUPING SETS, a few hundred rows instead of
 * one per (service, bucket, type).
 */
export interface FaultRollup {
  byService: (FaultSums & { serviceId: string })[];
  byBucket: (FaultSums & { bucket: number; type: string })[];
}

const ZERO: FaultSums = { count: 0, ttdSumMs: 0, ackCount: 0, ttaSumMs: 0, resolvedCount: 0, ttrSumMs: 0 };
const add = (a: FaultSums, b: FaultSums): FaultSums => ({
  count: a.count + b.count,
  ttdSumMs: a.ttdSumMs + b.ttdSumMs,
  ackCount: a.ackCount + b.ackCount,
  ttaSumMs: a.ttaSumMs + b.ttaSumMs,
  resolvedCount: a.resolvedCount + b.resolvedCount,
  ttrSumMs: a.ttrSumMs + b.ttrSumMs,
});
const sums = (b: FaultSums): FaultSums => add(ZERO, b);

/** Reference rollup of buckets (sorted by service id, then by bucket and type). */
export function rollup(buckets: readonly FaultBucket[]): FaultRollup {
  const svc = new Map<string, FaultSums>();
  const bt = new Map<string, FaultSums & { bucket: number; type: string }>();
  for (const b of buckets) {
    svc.set(b.serviceId, add(svc.get(b.serviceId) ?? ZERO, b));
    const k = `${b.bucket}|${b.type}`;
    bt.set(k, { ...add(bt.get(k) ?? ZERO, b), bucket: b.bucket, type: b.type });
  }
  return {
    byService: [...svc].map(([serviceId, s]) => ({ serviceId, ...sums(s) })).sort((a, b) => a.serviceId.localeCompare(b.serviceId)),
    byBucket: [...bt.values()].sort((a, b) => a.bucket - b.bucket || a.type.localeCompare(b.type)),
  };
}

/** A mean with what it came from, so every figure can explain itself. */
export interface Mean {
  ms: number | null;
  n: number;
  sumMs: number;
}

export const mean = (sumMs: number, n: number): Mean => ({ ms: n > 0 ? Math.round(sumMs / n) : null, n, sumMs });

/** Reference bucketing: faults with startedAt in [fromMs, toMs), grouped by service, bucket and type. */
export function bucketFaults(faults: readonly FaultRecord[], fromMs: number, toMs: number, bucketMs: number): FaultBucket[] {
  const byKey = new Map<string, FaultBucket>();
  for (const f of faults) {
    if (f.startedAt < fromMs || f.startedAt >= toMs) continue;
    const bucket = bucketOf(f.startedAt, bucketMs);
    const key = `${f.serviceId}|${bucket}|${f.type}`;
    let b = byKey.get(key);
    if (!b)
      byKey.set(key, (b = { serviceId: f.serviceId, bucket, type: f.type, count: 0, ttdSumMs: 0, ackCount: 0, ttaSumMs: 0, resolvedCount: 0, ttrSumMs: 0 }));
    b.count++;
    b.ttdSumMs += f.detectedAt - f.startedAt;
    if (f.acknowledgedAt !== null) {
      b.ackCount++;
      b.ttaSumMs += f.acknowledgedAt - f.detectedAt;
    }
    if (f.resolvedAt !== null) {
      b.resolvedCount++;
      b.ttrSumMs += f.resolvedAt - f.startedAt;
    }
  }
  return [...byKey.values()].sort((a, b) => a.bucket - b.bucket || a.serviceId.localeCompare(b.serviceId) || a.type.localeCompare(b.type));
}

export interface FaultTotals {
  faults: number;
  mttd: Mean;
  mtta: Mean;
  mttr: Mean;
}

/** Count and mean times of a set of sums (e.g. one service's, or one day's). */
export function totals(buckets: readonly FaultSums[]): FaultTotals {
  let faults = 0,
    ttd = 0,
    ackN = 0,
    tta = 0,
    resN = 0,
    ttr = 0;
  for (const b of buckets) {
    faults += b.count;
    ttd += b.ttdSumMs;
    ackN += b.ackCount;
    tta += b.ttaSumMs;
    resN += b.resolvedCount;
    ttr += b.ttrSumMs;
  }
  return { faults, mttd: mean(ttd, faults), mtta: mean(tta, ackN), mttr: mean(ttr, resN) };
}
