import type { Db } from "@/lib/db/client";

/** Traffic is rolled up in buckets this long (the service page's chart and req/s read them). */
export const TRAFFIC_BUCKET_SEC = 5;

/** A closed bucket is stored by the observer's next pass (1 s, plus the pass itself). */
const STORE_LAG_MS = 2_000;

/**
 * Start of the newest bucket that is closed and surely stored at `now`: "traffic now" reads this
 * one bucket only. A missing row then means no traffic (idle buckets are not written) — never an
 * older bucket standing in for a server HAProxy stopped sending to.
 */
export function currentTrafficBucket(now: number, bucketMs = TRAFFIC_BUCKET_SEC * 1000): number {
  return Math.floor((now - STORE_LAG_MS) / bucketMs) * bucketMs - bucketMs;
}

interface Counters {
  selected: number;
  errors: number;
}

interface Bucket {
  at: number;
  requests: number;
  errors5xx: number;
  sessionsMax: number;
  weight: number;
}

/**
 * Turns HAProxy's cumulative counters (lbtot, hrsp_5xx) into per-instance 5-second buckets.
 * A counter that went backwards means HAProxy restarted or reloaded: the new value is the delta.
 */
export class TrafficAccumulator {
  private last = new Map<string, Counters>();
  private buckets = new Map<string, Bucket>();

  constructor(private readonly bucketMs = TRAFFIC_BUCKET_SEC * 1000) {}

  add(instanceId: string, now: number, c: Counters & { sessions: number; weight: number }): void {
    const prev = this.last.get(instanceId);
    this.last.set(instanceId, { selected: c.selected, errors: c.errors });
    if (!prev) return; // the first reading only sets the baseline
    const delta = (cur: number, before: number) => (cur >= before ? cur - before : cur);
    const at = Math.floor(now / this.bucketMs) * this.bucketMs;
    const key = `${instanceId}@${at}`;
    const b = this.buckets.get(key) ?? { at, requests: 0, errors5xx: 0, sessionsMax: 0, weight: c.weight };
    b.requests += delta(c.selected, prev.selected);
    b.errors5xx += delta(c.errors, prev.errors);
    b.sessionsMax = Math.max(b.sessionsMax, c.sessions);
    b.weight = c.weight;
    this.buckets.set(key, b);
  }

  /** Buckets that ended before `now` (removed), ready to store. */
  takeClosed(now: number): Array<Bucket & { instanceId: string }> {
    const current = Math.floor(now / this.bucketMs) * this.bucketMs;
    const out: Array<Bucket & { instanceId: string }> = [];
    for (const [key, b] of this.buckets) {
      if (b.at >= current) continue;
      out.push({ ...b, instanceId: key.slice(0, key.indexOf("@")) });
      this.buckets.delete(key);
    }
    return out;
  }

  forget(instanceId: string): void {
    this.last.delete(instanceId);
  }
}

/** Store closed buckets: one multi-row upsert (another replica may have written the same bucket). */
export async function storeTraffic(db: Db, rows: Array<Bucket & { instanceId: string }>): Promise<void> {
  // An idle instance writes nothing (the chart reads a missing bucket as 0 requests).
  const busy = rows.filter((r) => r.requests > 0 || r.errors5xx > 0 || r.sessionsMax > 0);
  if (busy.length === 0) return;
  const values = busy.map((r) => ({
    instanceId: r.instanceId,
    at: new Date(r.at),
    requests: r.requests,
    errors5xx: r.errors5xx,
    sessionsMax: r.sessionsMax,
    weight: r.weight,
  }));
  await db.$executeRaw`
    INSERT INTO "TrafficRollup" ("instanceId","at","requests","errors5xx","sessionsMax","weight")
    SELECT (v->>'instanceId')::uuid, (v->>'at')::timestamptz, (v->>'requests')::int, (v->>'errors5xx')::int, (v->>'sessionsMax')::int, (v->>'weight')::int
    FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) AS v
    ON CONFLICT ("instanceId","at") DO UPDATE SET
      "requests" = GREATEST("TrafficRollup"."requests", EXCLUDED."requests"),
      "errors5xx" = GREATEST("TrafficRollup"."errors5xx", EXCLUDED."errors5xx"),
      "sessionsMax" = GREATEST("TrafficRollup"."sessionsMax", EXCLUDED."sessionsMax"),
      "weight" = EXCLUDED."weight"`;
}
