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

/** Sums per (service, bucket, type) over the faults that STARTED in the range. */
export interface FaultBucket {
  serviceId: string;
  /** Bucket start, epoch ms. */
  bucket: number;
  type: string;
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
    if (!b) byKey.set(key, (b = { serviceId: f.serviceId, bucket, type: f.type, count: 0, ttdSumMs: 0, ackCount: 0, ttaSumMs: 0, resolvedCount: 0, ttrSumMs: 0 }));
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

/** Count and mean times of a set of buckets (e.g. one service's, or one day's). */
export function totals(buckets: readonly FaultBucket[]): FaultTotals {
  let faults = 0, ttd = 0, ackN = 0, tta = 0, resN = 0, ttr = 0;
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
