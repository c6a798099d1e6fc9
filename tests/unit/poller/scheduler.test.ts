import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Scheduler, type SchedulerOptions } from "@/lib/poller/scheduler";

/**
 * The scheduler under fake timers, clock starting at 0. `random` plays back the given values
 * (then 0.5, which means "no jitter" and "stagger by half an interval"); `work` says how long a
 * run of a job takes. Every run's start is recorded as [id, startedAt, dueAt].
 */
function harness(
  o: { concurrency?: number; jitter?: number; random?: number[]; work?: Record<string, number>; fail?: (id: string, n: number) => boolean } = {},
) {
  const randoms = [...(o.random ?? [])];
  const starts: Array<[string, number, number]> = [];
  const errors: Array<[string, string]> = [];
  let running = 0;
  let maxRunning = 0;
  const runsOf = new Map<string, number>();
  const opts: SchedulerOptions = {
    concurrency: o.concurrency ?? 10,
    jitter: o.jitter ?? 0,
    now: () => Date.now(),
    random: () => randoms.shift() ?? 0.5,
    run: async (id, dueAt) => {
      const n = (runsOf.get(id) ?? 0) + 1;
      runsOf.set(id, n);
      starts.push([id, Date.now(), dueAt]);
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        await new Promise((r) => setTimeout(r, o.work?.[id] ?? 0));
        if (o.fail?.(id, n)) throw new Error(`run ${n} of ${id} broke`);
      } finally {
        running--;
      }
    },
    onError: (id, err) => errors.push([id, (err as Error).message]),
  };
  const scheduler = new Scheduler(opts);
  return { scheduler, starts, errors, maxRunning: () => maxRunning, startsOf: (id: string) => starts.filter((s) => s[0] === id).map((s) => s[1]) };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Scheduler", () => {
  it("staggers a job's first run at random within its interval, then runs it every interval", async () => {
    const h = harness({ random: [0.25] });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3_300);
    expect(h.starts).toEqual([
      ["a", 250, 250],
      ["a", 1250, 1250],
      ["a", 2250, 2250],
      ["a", 3250, 3250],
    ]);
  });

  it("adds ± jitter × interval to each next due time, from the last due time (not the finish)", async () => {
    // Stagger 0 → due at 0; then random 1 → +10 %, random 0 → −10 %, then 0.5 → none.
    const h = harness({ jitter: 0.1, random: [0, 1, 0], work: { a: 30 } });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(h.starts.map((s) => s[2])).toEqual([0, 1100, 2000, 3000]);
  });

  it("runs at a fixed rate: the next run is due one interval after the last was due, not after it finished", async () => {
    const h = harness({ random: [0], work: { a: 300 } });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3_100);
    expect(h.startsOf("a")).toEqual([0, 1000, 2000, 3000]);
  });

  it("never overlaps a job with itself: a check slower than its interval is followed at once, without a burst of missed runs", async () => {
    const h = harness({ random: [0], work: { a: 2_500 } });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(7_600);
    expect(h.maxRunning()).toBe(1);
    // Fallen behind, the next run is due when the last one finished (Node runs a 0 ms timer after 1 ms).
    expect(h.starts).toEqual([
      ["a", 0, 0],
      ["a", 2501, 2500],
      ["a", 5002, 5001],
      ["a", 7503, 7502],
    ]);
  });

  it("caps concurrent checks across jobs; a queued check starts when a slot frees", async () => {
    const h = harness({ concurrency: 2, random: [0, 0, 0], work: { a: 500, b: 500, c: 500 } });
    for (const id of ["a", "b", "c"]) h.scheduler.upsert({ id, intervalMs: 10_000 });
    await vi.advanceTimersByTimeAsync(100);
    expect(h.scheduler.running).toBe(3); // three fired, one of them waiting for a slot
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.maxRunning()).toBe(2);
    expect(h.starts.map((s) => [s[0], s[1]])).toEqual([
      ["a", 0],
      ["b", 0],
      ["c", 500],
    ]);
    // The wait for a slot counts as lag.
    expect(h.scheduler.stats.lagPercentile(99)).toBe(500);
  });

  it("changes a job's interval from its next run on", async () => {
    const h = harness({ random: [0] });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(500);
    h.scheduler.upsert({ id: "a", intervalMs: 3000 });
    expect(h.scheduler.size).toBe(1);
    await vi.advanceTimersByTimeAsync(6_600);
    expect(h.startsOf("a")).toEqual([0, 1000, 4000, 7000]);
  });

  it("remove(): no further runs; a run in progress finishes", async () => {
    const h = harness({ random: [0], work: { a: 400 } });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(100);
    h.scheduler.remove("a");
    expect(h.scheduler.ids()).toEqual([]);
    expect(h.scheduler.running).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(h.scheduler.running).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.startsOf("a")).toEqual([0]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stop(): clears every timer, waits for running checks, and ignores later upserts", async () => {
    const h = harness({ random: [0, 0.9], work: { a: 800 } });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    h.scheduler.upsert({ id: "b", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = h.scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(stopped).toBe(false); // "a" is still running
    await vi.advanceTimersByTimeAsync(300);
    await stopping;
    expect(stopped).toBe(true);
    h.scheduler.upsert({ id: "c", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.starts.map((s) => s[0])).toEqual(["a"]); // "b" (due at 900) and "c" never ran
    expect(h.scheduler.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports a crashed check and goes on with the loop", async () => {
    const h = harness({ random: [0], fail: (_id, n) => n === 2 });
    h.scheduler.upsert({ id: "a", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3_500);
    expect(h.errors).toEqual([["a", "run 2 of a broke"]]);
    expect(h.startsOf("a")).toEqual([0, 1000, 2000, 3000]);
  });

  it("counts completed checks per second over the last ten seconds", async () => {
    const h = harness({ random: [0, 0] });
    h.scheduler.upsert({ id: "a", intervalMs: 500 });
    h.scheduler.upsert({ id: "b", intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.scheduler.stats.checksPerSecond(Date.now())).toBe(3);
  });
});
