import type { Db } from "@/lib/db/client";
import { applyTransition, resolveStableFlapping } from "@/lib/faults/apply-transition";
import { activeMaintenance, type MaintenanceSets } from "@/lib/maintenance/active-maintenance";
import { DEFAULT_FLAP_POLICY, isFlapping, isStable, recordTransition, type FlapPolicy } from "@/lib/detection/flapping";
import { step, type Transition } from "@/lib/detection/thresholds";
import { errLine, log } from "@/lib/log";
import { closeProbeAgents } from "@/lib/probes/http";
import { probe } from "@/lib/probes/probe";
import { probeSpecFromInstance } from "@/lib/probes/types";
import { CheckWriter } from "./check-writer";
import { inventoryDigest } from "./inventory-digest";
import { Scheduler } from "./scheduler";
import { Semaphore } from "./semaphore";
import { resumedState, type Tracked } from "./tracked";

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

const instanceQuery = {
  where: { enabled: true },
  include: { pool: { include: { service: { select: { id: true, name: true } } } } },
} as const;

/**
 * The health poller: checks every enabled instance on its interval, feeds results through the
 * threshold state machine, writes samples in batches and turns transitions into fault records.
 * stop(): timers → in-flight checks → pending transitions → writes → probe connections.
 */
export async function startPoller(db: Db, options: Partial<PollerOptions> = {}): Promise<RunningPoller> {
  const o = { ...DEFAULT_POLLER_OPTIONS, ...options };
  const tracked = new Map<string, Tracked>();
  const writer = new CheckWriter(db);
  let maintenance: MaintenanceSets = { services: new Set(), instances: new Set() };
  let stopped = false;
  const transactions = new Semaphore(o.transitionConcurrency);
  const inTransactionSlot = async <T>(fn: () => Promise<T>): Promise<T> => {
    await transactions.acquire();
    try {
      return await fn();
    } finally {
      transactions.release();
    }
  };

  const persist = (t: Tracked, transition: Transition, flapping: boolean) => {
    const inMaintenance = maintenance.instances.has(t.ctx.instanceId) || maintenance.services.has(t.ctx.serviceId);
    t.chain = t.chain.then(async () => {
      for (let attempt = 0; !stopped || attempt === 0; attempt++) {
        try {
          await inTransactionSlot(() =>
            applyTransition(db, { ctx: t.ctx, transition, flapping, flapWindowMs: o.flap.windowMs, inMaintenance, now: new Date() }),
          );
          log.info({ instance: t.ctx.instanceName, from: transition.from, to: transition.to }, "health transition");
          return;
        } catch (err) {
          if (attempt === 0 || attempt % 10 === 0) log.warn({ instance: t.ctx.instanceName, err: errLine(err), attempt }, "transition not saved yet; retrying");
          await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
        }
      }
    });
  };

  const check = async (id: string) => {
    const t = tracked.get(id);
    if (!t) return;
    const result = await probe(t.spec, new Date());
    const { state, transition } = step(t.state, result, t.thresholds);
    t.state = state;
    writer.add(id, result, transition !== null);
    if (transition) {
      t.lastTransitionAt = transition.at;
      let flapping = false;
      if (transition.to === "DOWN" || transition.from === "DOWN") {
        t.flapHistory = recordTransition(t.flapHistory, transition.at, o.flap.windowMs);
        flapping = isFlapping(t.flapHistory, transition.at, o.flap);
        if (flapping) t.flappingOpen = true;
      }
      persist(t, transition, flapping);
    } else if (t.flappingOpen && state.health === "UP" && t.lastTransitionAt && isStable(t.lastTransitionAt, result.at, o.flap.windowMs)) {
      t.flappingOpen = false;
      const upSince = t.lastTransitionAt;
      t.chain = t.chain.then(() =>
        inTransactionSlot(() => resolveStableFlapping(db, id, result.at, upSince)).then(
          () => undefined,
          (err: unknown) => log.warn({ err: errLine(err) }, "flap resolution failed"),
        ),
      );
    }
  };

  const scheduler = new Scheduler({
    concurrency: o.concurrency,
    jitter: o.jitter,
    run: check,
    onError: (id, err) => log.error({ instance: tracked.get(id)?.ctx.instanceName, err: errLine(err) }, "check crashed; the loop goes on"),
  });

  const refresh = async () => {
    const [rows, m] = await Promise.all([db.instance.findMany(instanceQuery), activeMaintenance(db, new Date())]);
    maintenance = m;
    const seen = new Set<string>();
    const downSince = await openDownFaultStarts(
      db,
      rows.filter((r) => r.observedHealth === "DOWN").map((r) => r.id),
    );
    for (const row of rows) {
      seen.add(row.id);
      let spec;
      try {
        spec = probeSpecFromInstance(row);
      } catch (err) {
        log.error({ instance: row.name, err: (err as Error).message }, "instance check config invalid; not polled");
        continue;
      }
      const ctx = { instanceId: row.id, instanceName: row.name, serviceId: row.pool.service.id, serviceName: row.pool.service.name, poolRole: row.pool.role };
      const thresholds = { rise: row.checkRise, fall: row.checkFall };
      const existing = tracked.get(row.id);
      if (existing) {
        Object.assign(existing, { ctx, spec, thresholds, intervalMs: row.checkIntervalMs });
      } else {
        tracked.set(row.id, {
          ctx,
          spec,
          thresholds,
          intervalMs: row.checkIntervalMs,
          state: resumedState(row.observedHealth, row.observedHealthAt, downSince.get(row.id) ?? null),
          flapHistory: [],
          chain: Promise.resolve(),
          flappingOpen: false,
          lastTransitionAt: row.observedHealthAt,
        });
      }
      scheduler.upsert({ id: row.id, intervalMs: row.checkIntervalMs });
    }
    for (const id of scheduler.ids()) {
      if (!seen.has(id)) {
        scheduler.remove(id);
        tracked.delete(id);
      }
    }
  };

  // The timer re-reads the instance list only when the inventory changed: the full read (Prisma,
  // with pool and service) blocks the event loop for ~0.5–1 s at 10,000 instances, which showed
  // up as schedule lag every refresh. Maintenance windows are re-read every time (a small query).
  // The digest is taken before the read, so a change racing the read costs a reload, not a miss.
  let loadedDigest = await inventoryDigest(db);
  await refresh();
  const periodicRefresh = async () => {
    const digest = await inventoryDigest(db);
    if (digest === loadedDigest) {
      maintenance = await activeMaintenance(db, new Date());
      return;
    }
    await refresh();
    loadedDigest = digest;
  };
  writer.start();
  let refreshFailing = false;
  const refresher = setInterval(() => {
    periodicRefresh().then(
      () => {
        if (refreshFailing) log.info("poller: instance refresh works again");
        refreshFailing = false;
      },
      (err: unknown) => {
        // Once per outage, not every refresh: the writer reports the outage too.
        if (!refreshFailing) log.warn({ err: errLine(err) }, "poller: instance refresh failed; keeping the last list");
        refreshFailing = true;
      },
    );
  }, o.refreshMs);
  log.info({ instances: tracked.size, concurrency: o.concurrency }, "poller started");

  return {
    figures: () => ({
      running: !stopped,
      instances: tracked.size,
      checksPerSecond: scheduler.stats.checksPerSecond(Date.now()),
      lagP50Ms: Math.round(scheduler.stats.lagPercentile(50)),
      lagP99Ms: Math.round(scheduler.stats.lagPercentile(99)),
      inFlight: scheduler.running,
      queuedWrites: writer.queued,
      droppedWrites: writer.dropped,
      writeError: writer.lastError,
      at: new Date().toISOString(),
    }),
    refresh,
    async stop() {
      clearInterval(refresher);
      await scheduler.stop();
      stopped = true;
      await Promise.race([Promise.allSettled([...tracked.values()].map((t) => t.chain)), new Promise((r) => setTimeout(r, 5_000))]);
      await writer.close().catch((err: Error) => log.error({ err: err.message }, "final check flush failed"));
      await closeProbeAgents();
      log.info("poller stopped");
    },
  };
}

/** startedAt of each instance's open DOWN fault (so a resumed DOWN knows when it began). */
async function openDownFaultStarts(db: Db, instanceIds: string[]): Promise<Map<string, Date>> {
  if (instanceIds.length === 0) return new Map();
  const faults = await db.fault.findMany({
    where: { instanceId: { in: instanceIds }, status: { not: "RESOLVED" }, fingerprint: { endsWith: ":down" } },
    select: { instanceId: true, startedAt: true },
  });
  return new Map(faults.map((f) => [f.instanceId!, f.startedAt]));
}
