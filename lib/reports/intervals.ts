/**
 * Half-open time intervals [start, end) in epoch ms, and the set operations the reports need.
 * Pure and browser-safe.
 */

export interface Interval {
  start: number;
  end: number;
}

/** The part of `iv` inside `range`, or null when they do not overlap. */
export function clip(iv: Interval, range: Interval): Interval | null {
  const start = Math.max(iv.start, range.start);
  const end = Math.min(iv.end, range.end);
  return end > start ? { start, end } : null;
}

/** Sorted, non-overlapping intervals covering the same time as `ivs` (touching ones merged). */
export function union(ivs: readonly Interval[]): Interval[] {
  const sorted = ivs.filter((iv) => iv.end > iv.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else out.push({ ...iv });
  }
  return out;
}

/** Total length of a set of intervals, overlaps counted once. */
export function totalMs(ivs: readonly Interval[]): number {
  return union(ivs).reduce((sum, iv) => sum + (iv.end - iv.start), 0);
}

/** `ivs` with every moment of `cut` removed (both unioned first). */
export function subtract(ivs: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const holes = union(cut);
  const out: Interval[] = [];
  for (const iv of union(ivs)) {
    let start = iv.start;
    for (const h of holes) {
      if (h.end <= start || h.start >= iv.end) continue;
      if (h.start > start) out.push({ start, end: h.start });
      start = Math.max(start, h.end);
      if (start >= iv.end) break;
    }
    if (start < iv.end) out.push({ start, end: iv.end });
  }
  return out;
}

/** Each interval clipped to `range` (the ones outside dropped). */
export function clipAll(ivs: readonly Interval[], range: Interval): Interval[] {
  return ivs.map((iv) => clip(iv, range)).filter((iv): iv is Interval => iv !== null);
}
