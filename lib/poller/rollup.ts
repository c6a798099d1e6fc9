/** Per-instance, per-minute aggregation of checks (pure; the writer flushes closed minutes). */
export interface MinuteAggregate {
  instanceId: string;
  minute: number; // epoch ms of the minute start
  count: number;
  failures: number;
  latencies: number[];
}

const minuteOf = (atMs: number) => atMs - (atMs % 60_000);

/** Nearest-rank percentile of an unsorted sample (null when empty). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export class RollupBook {
  private readonly open = new Map<string, MinuteAggregate>();

  add(instanceId: string, atMs: number, failed: boolean, latencyMs: number | null): void {
    const minute = minuteOf(atMs);
    const key = `${instanceId}|${minute}`;
    let agg = this.open.get(key);
    if (!agg) {
      agg = { instanceId, minute, count: 0, failures: 0, latencies: [] };
      this.open.set(key, agg);
    }
    agg.count++;
    if (failed) agg.failures++;
    if (latencyMs !== null) agg.latencies.push(latencyMs);
  }

  /** Remove and return minutes that ended before `beforeMs` (all of them when undefined). */
  take(beforeMs?: number): MinuteAggregate[] {
    const out: MinuteAggregate[] = [];
    for (const [key, agg] of this.open) {
      if (beforeMs === undefined || agg.minute + 60_000 <= beforeMs) {
        out.push(agg);
        this.open.delete(key);
      }
    }
    return out;
  }

  /** Put minutes back (a failed flush is retried next time). */
  restore(aggs: MinuteAggregate[]): void {
    for (const a of aggs) {
      const key = `${a.instanceId}|${a.minute}`;
      const cur = this.open.get(key);
      if (!cur) this.open.set(key, a);
      else {
        cur.count += a.count;
        cur.failures += a.failures;
        cur.latencies.push(...a.latencies);
      }
    }
  }
}
