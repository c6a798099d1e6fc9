import { metrics } from "@/lib/metrics/registry";
import type { Db } from "@/lib/db/client";
import { DEFAULT_FLAP_POLICY, type FlapPolicy } from "@/lib/detection/flapping";
import type { ProbeResult } from "@/lib/detection/types";
import { resolveQuietFlapping } from "@/lib/faults/instance-down";
import { errLine, log } from "@/lib/log";
import { closeProbeAgents } from "@/lib/probes/http";
import { probe } from "@/lib/probes/probe";
import type { ProbeSpec } from "@/lib/probes/types";
import { CheckWriter } from "./check-writer";
import { HealthWriter } from "./health-writer";
import { Inventory } from "./inventory";
import { observe, type Action } from "./observe";
import { Scheduler } from "./scheduler";
import type { Tracked } from "./tracked";

export interface PollerOptions {
  concurrency: number;
  /** How often the instance list and maintenance windows are re-read. */
  refreshMs: number;
  flap: FlapPolicy;
  jitter: number;
  /**
   * At most this many transition transactions at once. Each holds a pooled connection for its
   * whole length: unbounded, a burst (every instance going UNKNOWN → UP at startup) queues
   * thousands in Prisma, they time out waiting for a connection (maxWait 2 s) and retry in a
   * loop, and the check writer and refresh starve behind them. Keep it below the pool size.
   */
  transitionConcurrency: number;
}

export const DEFAULT_POLLER_OPTIONS: PollerOptions = { concurrency: 256, refreshMs: 5_000, flap: DEFAULT_FLAP_POLICY, jitter: 0.05, transitionConcurrency: 4 };

export interface PollerFigures {
  running: boolean;
  instances: number;
  checksPerSecond: number;
  lagP50Ms: number;
  lagP99Ms: number;
  inFlight: number;
  queuedWrites: number;
  droppedWrites: number;
  writeError: string | null;
  at: string;
}

export interface RunningPoller {
  figures(): PollerFigures;
  /** Re-read instances now (after an edit), instead of waiting for the next refresh. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/** What one check of one instance goes through; injected so the pipeline can be tested alone. */
export interface CheckPipeline {
  tracked(id: string): Tracked | undefined;
  probe(spec: ProbeSpec, at: Date): Promise<ProbeResult>;
  flap: FlapPolicy;
  perform(instance: Tracked, actions: readonly Action[]): void;
}

/**
 * One check of one instance: probe → observe (pure) → writer. An instance no longer tracked when
 * its turn comes is not probed; one removed while its probe runs still has that result recorded.
 */
export async function checkInstance(p: CheckPipeline, id: string): Promise<void> {
  const t = p.tracked(id);
  if (!t) return;
  const result = await p.probe(t.spec, new Date());
  const m = metrics();
  m.checks.inc({ kind: t.spec.kind, result: result.level });
  if (result.latencyMs !== null) m.checkDuration.observe({ kind: t.spec.kind }, result.latencyMs / 1000);
  const { state, actions } = observe(t, result, p.flap);
  Object.assign(t, state);
  p.perform(t, actions);
}

/**
 * The health poller: checks every enabled instance on its interval, feeds results through the
 * threshold state machine, writes samples in batches and turns transitions into fault records.
 * stop(): timers → in-flight checks → pending transitions → writes → probe connections.
 */
export async function startPoller(db: Db, options: Partial<PollerOptions> = {}): Promise<RunningPoller> {
  const o = { ...DEFAULT_POLLER_OPTIONS, ...options };
  const checks = new CheckWriter(db);
  const pipeline: CheckPipeline = { tracked: (id) => inventory.get(id), probe, flap: o.flap, perform: (t, actions) => health.perform(t, actions) };
  const scheduler = new Scheduler({
    concurrency: o.concurrency,
    jitter: o.jitter,
    run: (id) => checkInstance(pipeline, id),
    onError: (id, err) => log.error({ instance: inventory.get(id)?.ctx.instanceName, err: errLine(err) }, "check crashed; the loop goes on"),
  });
  // After each refresh: a flapping fault HAProxy kept open after the poller found the instance
  // stable (or one the poller never saw flap) resolves once no observer saw it DOWN for a window.
  const inventory = new Inventory(db, scheduler, () => resolveQuietFlapping(db, new Date(), o.flap.windowMs));
  const health = new HealthWriter(db, checks, {
    flapWindowMs: o.flap.windowMs,
    transitionConcurrency: o.transitionConcurrency,
    inMaintenance: (ctx) => inventory.inMaintenance(ctx),
  });
  let stopped = false;

  await inventory.start(o.refreshMs);
  checks.start();
  log.info({ instances: inventory.size, concurrency: o.concurrency }, "poller started");

  return {
    figures: () => ({
      running: !stopped,
      instances: inventory.size,
      checksPerSecond: scheduler.stats.checksPerSecond(Date.now()),
      lagP50Ms: Math.round(scheduler.stats.lagPercentile(50)),
      lagP99Ms: Math.round(scheduler.stats.lagPercentile(99)),
      inFlight: scheduler.running,
      queuedWrites: checks.queued,
      droppedWrites: checks.dropped,
      writeError: checks.lastError,
      at: new Date().toISOString(),
    }),
    refresh: () => inventory.refresh(),
    async stop() {
      inventory.stop();
      await scheduler.stop();
      stopped = true;
      await health.drain(5_000);
      await checks.close().catch((err: Error) => log.error({ err: err.message }, "final check flush failed"));
      await closeProbeAgents();
      log.info("poller stopped");
    },
  };
}
