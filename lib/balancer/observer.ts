import type { Db } from "@/lib/db/client";
import { activeMaintenance } from "@/lib/maintenance/active-maintenance";
import { sweepInterruptedFailovers } from "@/lib/failover/sweep-failovers";
import { log } from "@/lib/log";
import { observedData } from "./apply-desired";
import { onHaproxyDown, onHaproxyUp, type ObservedInstance } from "./balancer-faults";
import { clientFor } from "./client-for";
import { describeDrift } from "./drift";
import { isMarkedDown, type ServerSnapshot } from "./haproxy/snapshot";
import { byServer, readServers, serverKey } from "./read-servers";
import { reconcileInstance } from "./reconcile";
import { storeTraffic, TrafficAccumulator } from "./traffic-rollup";

export interface ObserverOptions {
  intervalMs: number;
  /** Called after every pass (the automatic policy runs here). */
  afterTick?: () => Promise<void>;
}

/** Observed columns are rewritten when they change, and at least this often (freshness). */
const SEEN_REFRESH_MS = 15_000;
/** A drift that could not be re-applied is retried no more often than this. */
const RETRY_DRIFT_MS = 10_000;

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
 */
export function startBalancerObserver(db: Db, o: ObserverOptions): { stop(): Promise<void>; tickNow(): Promise<void> } {
  const traffic = new TrafficAccumulator();
  const downSeen = new Map<string, boolean>();
  const driftRetryAt = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function observeBalancer(b: BalancerRow, now: Date, maintenance: Awaited<ReturnType<typeof activeMaintenance>>): Promise<void> {
    let snapshot: ServerSnapshot[];
    try {
      snapshot = await readServers(clientFor(b));
    } catch (err) {
      const message = (err as Error).message;
      if (b.status !== "UNREACHABLE" || b.statusMessage !== message) {
        await db.balancer.update({ where: { id: b.id }, data: { status: "UNREACHABLE", statusMessage: message } });
        log.warn({ balancer: b.name, err: message }, "balancer unreachable");
      }
      return;
    }
    if (b.status !== "CONNECTED" || !b.lastSyncAt || now.getTime() - b.lastSyncAt.getTime() >= 5_000) {
      await db.balancer.update({ where: { id: b.id }, data: { status: "CONNECTED", statusMessage: null, lastSyncAt: now } });
    }
    const servers = byServer(snapshot);
    const instances = await db.instance.findMany({
      where: { balancerId: b.id, haproxyBackend: { not: null }, haproxyServer: { not: null } },
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
    const openBalancerFaults = new Set(
      (
        await db.fault.findMany({
          where: { source: "BALANCER", status: { not: "RESOLVED" }, instanceId: { in: instances.map((i) => i.id) } },
          select: { instanceId: true },
        })
      ).map((f) => f.instanceId),
    );
    for (const i of instances) {
      const s = servers.get(serverKey(i.haproxyBackend!, i.haproxyServer!));
      if (!s) {
        const detail = `HAProxy has no server ${i.haproxyBackend}/${i.haproxyServer} (removed, or lost on a reload; re-import the balancer)`;
        if (!i.drift || i.driftDetail !== detail)
          await db.instance.update({ where: { id: i.id }, data: { drift: true, driftDetail: detail, driftSince: now } });
        traffic.forget(i.id);
        continue;
      }
      traffic.add(i.id, now.getTime(), { selected: s.selectedTotal, errors: s.responses5xx, sessions: s.sessions, weight: s.weight });
      const seen = observedData(s, now);
      const changed =
        i.observedWeight !== seen.observedWeight ||
        i.observedAdminState !== seen.observedAdminState ||
        i.haproxyStatus !== seen.haproxyStatus ||
        i.haproxyCheck !== seen.haproxyCheck ||
        !i.haproxySeenAt ||
        now.getTime() - i.haproxySeenAt.getTime() >= SEEN_REFRESH_MS;
      const drift = describeDrift({ weight: i.desiredWeight, adminState: i.desiredAdminState }, s);
      // What HAProxy reports is recorded even while it drifts (the UI shows both sides).
      if (changed || Boolean(drift) !== i.drift || (drift && drift !== i.driftDetail && !i.driftDetail?.startsWith("re-apply failed"))) {
        await db.instance.update({
          where: { id: i.id },
          data: drift
            ? { ...seen, drift: true, driftDetail: i.driftDetail?.startsWith("re-apply failed") ? i.driftDetail : drift, driftSince: i.drift ? undefined : now }
            : seen,
        });
      }
      const ctx: ObservedInstance = { id: i.id, name: i.name, serviceId: i.pool.serviceId, poolRole: i.pool.role, observedHealth: i.observedHealth };
      // Down transitions: from memory, or from the stored status after a restart.
      const wasDown = downSeen.get(i.id) ?? i.haproxyStatus?.startsWith("DOWN") ?? false;
      const isDown = isMarkedDown(s);
      downSeen.set(i.id, isDown);
      if (isDown && !wasDown) await onHaproxyDown(db, ctx, s, now, maintenance.services.has(ctx.serviceId) || maintenance.instances.has(i.id));
      if (!isDown && wasDown && (s.status.startsWith("UP") || s.status === "DRAIN")) await onHaproxyUp(db, ctx, s, now);
      else if (!isDown && (s.status.startsWith("UP") || s.status === "DRAIN") && openBalancerFaults.has(i.id)) {
        // Missed the edge (maintenance in between, a restart): resolve from the state instead.
        await onHaproxyUp(db, ctx, s, now, { note: false });
      }
      if (drift && now.getTime() >= (driftRetryAt.get(i.id) ?? 0)) {
        const out = await reconcileInstance(db, i.id);
        if (out.kind === "failed") driftRetryAt.set(i.id, now.getTime() + RETRY_DRIFT_MS);
        else driftRetryAt.delete(i.id);
        if (out.kind === "failed") log.warn({ instance: i.name, err: out.error }, "balancer drift: could not reconcile (retrying in 10 s)");
        else if (out.kind !== "none") log.info({ instance: i.name, outcome: out.kind, detail: out.detail }, "balancer drift");
      }
    }
  }

  async function tick(): Promise<void> {
    const now = new Date();
    const [balancers, maintenance] = await Promise.all([
      db.balancer.findMany({ select: { id: true, name: true, runtimeApi: true, status: true, statusMessage: true, lastSyncAt: true } }),
      activeMaintenance(db, now),
    ]);
    await Promise.all(
      balancers.map((b) =>
        observeBalancer(b, now, maintenance).catch((err) => log.error({ balancer: b.name, err: (err as Error).message }, "balancer observation failed")),
      ),
    );
    await storeTraffic(db, traffic.takeClosed(now.getTime()));
    await sweepInterruptedFailovers(db, now);
    if (o.afterTick) await o.afterTick();
  }

  const loop = () => {
    if (stopped) return;
    const started = Date.now();
    running = tick()
      .catch((err) => log.error({ err: (err as Error).message }, "balancer observer pass failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, Math.max(0, o.intervalMs - (Date.now() - started)));
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    tickNow: () => tick(),
  };
}
