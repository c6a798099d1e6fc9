import type { Db } from "@/lib/db/client";
import type { ProbeResult } from "@/lib/detection/types";
import { errLine, log } from "@/lib/log";
import { percentile, RollupBook, type MinuteAggregate } from "./rollup";

interface RawRow {
  instanceId: string;
  at: Date;
  ok: boolean;
  latencyMs: number | null;
  statusCode: number | null;
  errorClass: string | null;
  message: string | null;
  stateChange: boolean;
}

export interface WriterOptions {
  flushEveryMs: number;
  maxBatch: number;
  /** Beyond this many queued raw rows (DB down), the oldest passing samples are dropped. */
  maxQueued: number;
}

/**
 * Buffers check results and writes them in batches: raw rows with one multi-row INSERT per
 * flush (Prisma's createMany is client-bound at ≈4k rows/s), per-minute rollups once a minute
 * has closed, and instances' last-check time in one UPDATE. A failed flush keeps its rows for
 * the next attempt, so a database restart loses nothing short of the queue bound.
 */
export class CheckWriter {
  private raw: RawRow[] = [];
  private readonly rollups = new RollupBook();
  private lastCheck = new Map<string, Date>();
  private lastCheckWrittenAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  dropped = 0;
  written = 0;
  lastError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly o: WriterOptions = { flushEveryMs: 1000, maxBatch: 2000, maxQueued: 200_000 },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.o.flushEveryMs);
  }

  add(instanceId: string, r: ProbeResult, stateChange: boolean): void {
    this.raw.push({
      instanceId,
      at: r.at,
      ok: r.level !== "FAIL",
      latencyMs: r.latencyMs === null ? null : Math.round(r.latencyMs),
      statusCode: r.statusCode,
      errorClass: r.errorClass,
      message: r.level === "PASS" ? null : r.message.slice(0, 500),
      stateChange,
    });
    this.rollups.add(instanceId, r.at.getTime(), r.level === "FAIL", r.latencyMs);
    this.lastCheck.set(instanceId, r.at);
    if (this.raw.length > this.o.maxQueued) this.shed();
  }

  get queued(): number {
    return this.raw.length;
  }

  private shed(): void {
    // Keep failures and state changes (what reviews need); drop the oldest passing samples.
    const excess = this.raw.length - this.o.maxQueued;
    let removed = 0;
    this.raw = this.raw.filter((r) => {
      if (removed < excess && r.ok && !r.stateChange) {
        removed++;
        return false;
      }
      return true;
    });
    this.dropped += removed;
  }

  /** Write what is queued (closed minutes only, unless `final`). Concurrent calls share one flush. */
  flush(final = false): Promise<void> {
    this.flushing ??= this.doFlush(final).finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async doFlush(final: boolean): Promise<void> {
    try {
      while (this.raw.length > 0) {
        const batch = this.raw.slice(0, this.o.maxBatch);
        await this.insertRaw(batch);
        this.raw.splice(0, batch.length);
        this.written += batch.length;
      }
      const closed = this.rollups.take(final ? undefined : Date.now() - 5_000);
      try {
        await this.upsertRollups(closed);
      } catch (err) {
        this.rollups.restore(closed);
        throw err;
      }
      // lastCheckAt is a display hint; rewriting every Instance row on every flush was ~40 % of
      // all WAL at 10,000 instances (bench:poller), so it is written at most every 30 s.
      if (final || Date.now() - this.lastCheckWrittenAt >= LAST_CHECK_EVERY_MS) {
        const touched = this.lastCheck;
        this.lastCheck = new Map();
        try {
          await this.updateLastCheck(touched);
          this.lastCheckWrittenAt = Date.now();
        } catch (err) {
          for (const [k, v] of touched) if (!this.lastCheck.has(k)) this.lastCheck.set(k, v);
          throw err;
        }
      }
      if (this.lastError) log.info({ written: this.written }, "check writer: flushing again");
      this.lastError = null;
    } catch (err) {
      const message = errLine(err);
      if (message !== this.lastError) log.warn({ err: message, queued: this.raw.length }, "check writer: flush failed, will retry");
      this.lastError = message;
      if (final) throw err;
    }
  }

  private async insertRaw(rows: RawRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "CheckResult" ("instanceId","at","ok","latencyMs","statusCode","errorClass","message","stateChange")
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::int[], $5::int[], $6::"FaultType"[], $7::text[], $8::boolean[])`,
      rows.map((r) => r.instanceId),
      rows.map((r) => r.at),
      rows.map((r) => r.ok),
      rows.map((r) => r.latencyMs),
      rows.map((r) => r.statusCode),
      rows.map((r) => r.errorClass),
      rows.map((r) => r.message),
      rows.map((r) => r.stateChange),
    );
  }

  private async upsertRollups(aggs: MinuteAggregate[]): Promise<void> {
    if (aggs.length === 0) return;
    // A minute normally closes once; after a restart the same minute may arrive twice: add up
    // the counts and keep the larger percentiles (conservative for a review).
    await this.db.$executeRawUnsafe(
      `INSERT INTO "CheckRollup" ("instanceId","minute","count","failures","p50Ms","p95Ms","maxMs")
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
       ON CONFLICT ("instanceId","minute") DO UPDATE SET
         "count" = "CheckRollup"."count" + EXCLUDED."count",
         "failures" = "CheckRollup"."failures" + EXCLUDED."failures",
         "p50Ms" = GREATEST("CheckRollup"."p50Ms", EXCLUDED."p50Ms"),
         "p95Ms" = GREATEST("CheckRollup"."p95Ms", EXCLUDED."p95Ms"),
         "maxMs" = GREATEST("CheckRollup"."maxMs", EXCLUDED."maxMs")`,
      aggs.map((a) => a.instanceId),
      aggs.map((a) => new Date(a.minute)),
      aggs.map((a) => a.count),
      aggs.map((a) => a.failures),
      aggs.map((a) => round(percentile(a.latencies, 50))),
      aggs.map((a) => round(percentile(a.latencies, 95))),
      aggs.map((a) => round(a.latencies.length ? Math.max(...a.latencies) : null)),
    );
  }

  private async updateLastCheck(m: Map<string, Date>): Promise<void> {
    if (m.size === 0) return;
    await this.db.$executeRawUnsafe(
      `UPDATE "Instance" AS i SET "lastCheckAt" = v.at FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
       WHERE i.id = v.id AND (i."lastCheckAt" IS NULL OR i."lastCheckAt" < v.at)`,
      [...m.keys()],
      [...m.values()],
    );
  }

  /** Stop the timer and write everything, including the current partial minute. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flushing;
    await this.flush(true);
  }
}

const LAST_CHECK_EVERY_MS = 30_000;

const round = (v: number | null) => (v === null ? null : Math.round(v));
