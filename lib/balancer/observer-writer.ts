import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { onHaproxyDown, onHaproxyUp, type ObservedInstance } from "./balancer-faults";
import { reconcileInstance } from "./reconcile";
import type { ObservedRow, ServerEvent } from "./server-diff";
import type { TrafficAccumulator } from "./traffic-rollup";

/** A drift that could not be re-applied is retried no more often than this. */
const RETRY_DRIFT_MS = 10_000;

/** What the observer keeps between passes and the writer updates. */
export interface ObserverMemory {
  traffic: TrafficAccumulator;
  /** Per instance: no re-apply before this time (after a failed one). */
  driftRetryAt: Map<string, number>;
  /** Per instance: HAProxy had the server down at the last pass. */
  downSeen: Map<string, boolean>;
  /** Per instance: HAProxy's status and admin state at the last pass (service faults follow changes). */
  lastSeen: Map<string, string>;
}

/** Performs one instance's events from `diffServer`, in order (each write awaits the one before). */
export async function writeServerEvents(db: Db, i: ObservedRow, events: readonly ServerEvent[], mem: ObserverMemory, now: Date): Promise<void> {
  const ctx: ObservedInstance = { id: i.id, name: i.name, serviceId: i.pool.serviceId, poolRole: i.pool.role, observedHealth: i.observedHealth };
  for (const e of events) {
    switch (e.kind) {
      case "mark-missing":
        await db.instance.update({ where: { id: i.id }, data: { drift: true, driftDetail: e.detail, driftSince: now } });
        break;
      case "forget-traffic":
        mem.traffic.forget(i.id);
        break;
      case "traffic":
        mem.traffic.add(i.id, now.getTime(), e.sample);
        break;
      case "record-seen":
        await db.instance.update({ where: { id: i.id }, data: e.data });
        break;
      case "remember-down":
        mem.downSeen.set(i.id, e.isDown);
        break;
      case "haproxy-down":
        await onHaproxyDown(db, ctx, e.server, now, e.inMaintenance);
        break;
      case "haproxy-up":
        if (e.note) await onHaproxyUp(db, ctx, e.server, now);
        else await onHaproxyUp(db, ctx, e.server, now, { note: false });
        break;
      case "reconcile":
        await reconcile(db, i, mem, now);
        break;
    }
  }
}

async function reconcile(db: Db, i: ObservedRow, mem: ObserverMemory, now: Date): Promise<void> {
  const out = await reconcileInstance(db, i.id);
  if (out.kind === "failed") mem.driftRetryAt.set(i.id, now.getTime() + RETRY_DRIFT_MS);
  else mem.driftRetryAt.delete(i.id);
  if (out.kind === "failed") log.warn({ instance: i.name, err: out.error }, "balancer drift: could not reconcile (retrying in 10 s)");
  else if (out.kind !== "none") log.info({ instance: i.name, outcome: out.kind, detail: out.detail }, "balancer drift");
}
