/**
 * Per-minute check figures → evenly spaced chart points. Pure and browser-safe.
 *
 * Every bucket of the range gets a point (empty minutes included), so a chart shows gaps where no
 * check ran instead of joining across them. Long ranges are merged into wider buckets so a chart
 * never draws more than `maxPoints` bars.
 */

export interface MinuteFigures {
  minute: string;
  count: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface ChartPoint {
  /** Bucket start, epoch ms. */
  t: number;
  count: number;
  failures: number;
  /** Count-weighted mean of the minutes' p50 (exact when a bucket is one minute). */
  p50Ms: number | null;
  /** Highest p95 of the bucket's minutes (exact when a bucket is one minute). */
  p95Ms: number | null;
}

const MINUTE = 60_000;
const BUCKET_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440];

/** The narrowest bucket (in ms) that fits [fromMs, toMs] into at most maxPoints points. */
export function bucketSize(fromMs: number, toMs: number, maxPoints = 360): number {
  const span = Math.max(0, toMs - fromMs);
  for (const m of BUCKET_MINUTES) if (span / (m * MINUTE) <= maxPoints) return m * MINUTE;
  return BUCKET_MINUTES[BUCKET_MINUTES.length - 1]! * MINUTE;
}

/** Chart points for [fromMs, toMs]: one per bucket, buckets aligned to whole bucket sizes (UTC). */
export function chartSeries(minutes: readonly MinuteFigures[], fromMs: number, toMs: number, maxPoints = 360): { bucketMs: number; points: ChartPoint[] } {
  const bucketMs = bucketSize(fromMs, toMs, maxPoints);
  const start = Math.floor(fromMs / bucketMs) * bucketMs;
  const points: ChartPoint[] = [];
  for (let t = start; t <= toMs; t += bucketMs) points.push({ t, count: 0, failures: 0, p50Ms: null, p95Ms: null });
  const p50Weight = new Array<number>(points.length).fill(0);
  for (const m of minutes) {
    const at = Date.parse(m.minute);
    const i = Math.floor((at - start) / bucketMs);
    const p = points[i];
    if (!p) continue;
    p.count += m.count;
    p.failures += m.failures;
    if (m.p50Ms !== null && m.count > 0) {
      p.p50Ms = ((p.p50Ms ?? 0) * p50Weight[i]! + m.p50Ms * m.count) / (p50Weight[i]! + m.count);
      p50Weight[i]! += m.count;
    }
    if (m.p95Ms !== null) p.p95Ms = Math.max(p.p95Ms ?? m.p95Ms, m.p95Ms);
  }
  for (const p of points) if (p.p50Ms !== null) p.p50Ms = Math.round(p.p50Ms * 10) / 10;
  return { bucketMs, points };
}
