/**
 * Report ranges and their chart buckets. Pure and browser-safe.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The preset ranges of the Reports page, ending now. */
export const RANGE_PRESETS = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, "90d": 90 * DAY_MS } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

/** The longest range a report covers (a year of daily buckets). */
export const MAX_RANGE_MS = 366 * DAY_MS;

/** Chart bucket of a range: hours up to two days (a 24 h report has 24 bars, not one), days beyond. */
export function bucketMsFor(fromMs: number, toMs: number): number {
  return toMs - fromMs <= 2 * DAY_MS ? HOUR_MS : DAY_MS;
}

/** Bucket starts (UTC-aligned, epoch ms) covering [fromMs, toMs). */
export function bucketStarts(fromMs: number, toMs: number, bucketMs = bucketMsFor(fromMs, toMs)): number[] {
  const out: number[] = [];
  for (let t = Math.floor(fromMs / bucketMs) * bucketMs; t < toMs; t += bucketMs) out.push(t);
  return out;
}

/** The bucket a moment falls in. */
export const bucketOf = (t: number, bucketMs: number) => Math.floor(t / bucketMs) * bucketMs;
