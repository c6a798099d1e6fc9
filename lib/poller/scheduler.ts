import { PollerStats } from "./stats";
import { Semaphore } from "./semaphore";

export interface Job {
  id: string;
  intervalMs: number;
}

export interface SchedulerOptions {
  /** At most this many checks run at once, across all jobs. */
  concurrency: number;
  /** ± this fraction of the interval is added at random to each delay (spreads load). */
  jitter: number;
  run: (id: string, dueAt: number) => Promise<void>;
  onError: (id: string, err: unknown) => void;
  now?: () => number;
  random?: () => number;
}

interface Entry {
  job: Job;
  timer: NodeJS.Timeout | null;
  running: boolean;
  removed: boolean;
}

/**
 * Runs every job on its own interval. Each job's first run is staggered at random within its
 * interval; the next run is scheduled only after the current one finished (a job never overlaps
 * itself), one interval after it was due (fixed rate, catching up without bursts). A global
 * semaphore caps concurrent checks; lag = start − due is recorded for the figures.
 */
export class Scheduler {
  readonly stats = new PollerStats();
  private readonly entries = new Map<string, Entry>();
  private readonly sem: Semaphore;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly o: SchedulerOptions) {
    this.sem = new Semaphore(o.concurrency);
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
  }

  get size(): number {
    return this.entries.size;
  }

  get running(): number {
    return this.inFlight.size;
  }

  /** Add a job or change its interval (takes effect from its next run). */
  upsert(job: Job): void {
    if (this.stopped) return;
    const existing = this.entries.get(job.id);
    if (existing) {
      existing.job = job;
      return;
    }
    const entry: Entry = { job, timer: null, running: false, removed: false };
    this.entries.set(job.id, entry);
    this.schedule(entry, this.now() + this.random() * job.intervalMs);
  }

  /** Stop scheduling a job (a check already running finishes). */
  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.removed = true;
    if (entry.timer) clearTimeout(entry.timer);
    this.entries.delete(id);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  private schedule(entry: Entry, dueAt: number): void {
    const delay = Math.max(0, dueAt - this.now());
    entry.timer = setTimeout(() => void this.fire(entry, dueAt), delay);
  }

  private async fire(entry: Entry, dueAt: number): Promise<void> {
    entry.timer = null;
    if (this.stopped || entry.removed || entry.running) return;
    entry.running = true;
    const work = (async () => {
      await this.sem.acquire();
      const started = this.now();
      try {
        if (!this.stopped) await this.o.run(entry.job.id, dueAt);
      } catch (err) {
        this.o.onError(entry.job.id, err);
      } finally {
        this.sem.release();
        this.stats.record(started - dueAt, this.now());
      }
    })();
    this.inFlight.add(work);
    await work;
    this.inFlight.delete(work);
    entry.running = false;
    if (this.stopped || entry.removed) return;
    const { intervalMs } = entry.job;
    const jitter = (this.random() * 2 - 1) * this.o.jitter * intervalMs;
    // Fixed rate: due one interval after the last due time; if we fell behind, run now.
    const next = Math.max(dueAt + intervalMs + jitter, this.now());
    this.schedule(entry, next);
  }

  /** Stop timers, then wait for every running check to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    this.entries.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
