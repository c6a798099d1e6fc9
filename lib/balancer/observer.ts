import { OBSERVER_ACTOR } from "@/lib/faults/down-rules";
import { evaluateServiceFault } from "@/lib/faults/service-fault";
import { UNRESOLVED } from "@/lib/faults/unresolved";
import type { Db } from "@/lib/db/client";
import { activeMaintenance, type MaintenanceSets } from "@/lib/maintenance/active-maintenance";
import { log } from "@/lib/log";
import { clientFor } from "./client-for";
import type { ServerSnapshot } from "./haproxy/snapshot";
import { writeServerEvents, type ObserverMemory } from "./observer-writer";
import { byServer, readServers, serverKey } from "./read-servers";
import { diffServer, type ObservedRow } from "./server-diff";
import { storeTraffic, TrafficAccumulator } from "./traffic-rollup";

export interface ObserverOptions {
  intervalMs: number;
  /**
   * Called after every pass with its time: the composition root hangs the jobs that ride on the
   * observer's rhythm here (the failover sweep, the automatic policy) — the observer knows
   * neither.
   */
  afterPass?: (now: Date) => Promise<unknown>;
}

interface BalancerRow {
  id: string;
  name: string;
  runtimeApi: string;
  status: string;
  statusMessage: string | null;
  lastSyncAt: Date | null;
}

/**
 * Reads every balancer's `show stat` every 1–2 s: stores what HAProxy reports per instance,
 * rolls traffic up in 5 s buckets, files BALANCER faults when HAProxy marks a server down, and
 * reconciles drift from the desired state. One pass never overlaps the next.
 * Per balancer: read HAProxy (I/O) → `diffServer` per instance (pure) → `writeServerEvents`.
 */
export function startBalancerObserver(db: Db, o: ObserverOptions): { stop(): Promise<void>; tickNow(): Promise<void> } {
  const mem: ObserverMemory = { traffic: new TrafficAccumulator(), driftRetryAt: new Map(), downSeen: new Map(), lastSeen: new Map() };

  async function tick(): Promise<void> {
    const now = new Date();
    const [balancers, maintenance] = await Promise.all([
      db.balancer.findMany({ select: { id: true, name: true, runtimeApi: true, status: true, statusMessage: true, lastSyncAt: true } }),
      activeMaintenance(db, now),
    ]);
    await Promise.all(
      balancers.map((b) =>
        observeBalancer(db, b, now, maintenance, mem).catch((err) =>
          log.error({ balancer: b.name, err: (err as Error).message }, "balancer observation failed"),
        ),
      ),
    );
    await storeTraffic(db, mem.traffic.takeClosed(now.getTime()));
    if (o.afterPass) await o.afterPass(now);
  }

  return repeatWithoutOverlap(o.intervalMs, tick);
}

/** One balancer: read HAProxy, compare every instance placed on it, write what changed. */
async function observeBalancer(db: Db, b: BalancerRow, now: Date, maintenance: MaintenanceSets, mem: ObserverMemory): Promise<void> {
  const snapshot = await readBalancer(db, b, now);
  if (!snapshot) return;
  const servers = byServer(snapshot);
  const instances = await placedInstances(db, b.id);
  const openBalancerFaults = new Set(
    (
      await db.fault.findMany({
        where: { downSources: { has: "BALANCER" }, ...UNRESOLVED, instanceId: { in: instances.map((i) => i.id) } },
        select: { instanceId: true },
      })
    ).map((f) => f.instanceId),
  );
  for (const i of instances) {
    const events = diffServer(
      i,
      servers.get(serverKey(i.haproxyBackend!, i.haproxyServer!)),
      {
        wasDown: mem.downSeen.get(i.id),
        openBalancerFault: openBalancerFaults.has(i.id),
        inMaintenance: maintenance.services.has(i.pool.serviceId) || maintenance.instances.has(i.id),
        mayReconcile: now.getTime() >= (mem.driftRetryAt.get(i.id) ?? 0),
      },
      now,
    );
    await writeServerEvents(db, i, events, mem, now);
  }
  await evaluateServices(db, instances, servers, maintenance, mem, now);
}

/**
 * The service-level fault follows what HAProxy serves: re-evaluated for every service one of whose
 * servers changed status or admin state in this pass (a drain, a failover step, HAProxy's own
 * checks), and for all of the balancer's services on the first pass after a start.
 */
async function evaluateServices(
  db: Db,
  instances: ObservedRow[],
  servers: Map<string, ServerSnapshot>,
  maintenance: MaintenanceSets,
  mem: ObserverMemory,
  now: Date,
): Promise<void> {
  const changed = new Set<string>();
  for (const i of instances) {
    const s = servers.get(serverKey(i.haproxyBackend!, i.haproxyServer!));
    // Against the observer's own last look, not the row: a change made through Faultline has
    // already written HAProxy's new state to the row.
    const seen = s ? `${s.status}|${s.adminState}` : "missing";
    if (mem.lastSeen.get(i.id) !== seen) changed.add(i.pool.serviceId);
    mem.lastSeen.set(i.id, seen);
  }
  for (const serviceId of changed) {
    await db.$transaction((tx) =>
      evaluateServiceFault(tx, { serviceId, at: now, actor: OBSERVER_ACTOR.BALANCER, inMaintenance: maintenance.services.has(serviceId) }),
    );
  }
}

/**
 * HAProxy's servers, or null when the Runtime API cannot be read. Keeps the balancer's status
 * (UNREACHABLE with the reason, or CONNECTED with a sync time at most 5 s old) up to date.
 */
async function readBalancer(db: Db, b: BalancerRow, now: Date): Promise<ServerSnapshot[] | null> {
  let snapshot: ServerSnapshot[];
  try {
    snapshot = await readServers(clientFor(b));
  } catch (err) {
    const message = (err as Error).message;
    if (b.status !== "UNREACHABLE" || b.statusMessage !== message) {
      await db.balancer.update({ where: { id: b.id }, data: { status: "UNREACHABLE", statusMessage: message } });
      log.warn({ balancer: b.name, err: message }, "balancer unreachable");
    }
    return null;
  }
  if (b.status !== "CONNECTED" || !b.lastSyncAt || now.getTime() - b.lastSyncAt.getTime() >= 5_000) {
    await db.balancer.update({ where: { id: b.id }, data: { status: "CONNECTED", statusMessage: null, lastSyncAt: now } });
  }
  return snapshot;
}

/** Instances placed on a balancer (backend and server set), with what was last observed. */
function placedInstances(db: Db, balancerId: string): Promise<ObservedRow[]> {
  return db.instance.findMany({
    where: { balancerId, haproxyBackend: { not: null }, haproxyServer: { not: null }, archivedAt: null },
    select: {
      id: true,
      name: true,
      haproxyBackend: true,
      haproxyServer: true,
      desiredWeight: true,
      desiredAdminState: true,
      observedWeight: true,
      observedAdminState: true,
      observedHealth: true,
      haproxyStatus: true,
      haproxyCheck: true,
      haproxySeenAt: true,
      drift: true,
      driftDetail: true,
      pool: { select: { role: true, serviceId: true } },
    },
  });
}

/** Runs `pass` now and then every `intervalMs` from the start of the last, never overlapping. */
function repeatWithoutOverlap(intervalMs: number, pass: () => Promise<void>): { stop(): Promise<void>; tickNow(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    const started = Date.now();
    running = pass()
      .catch((err) => log.error({ err: (err as Error).message }, "balancer observer pass failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, Math.max(0, intervalMs - (Date.now() - started)));
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    tickNow: pass,
  };
}
