import type { Db } from "@/lib/db/client";
import { faultTypeFromHaproxy } from "@/lib/detection/haproxy-fault-type";
import { DEFAULT_FLAP_POLICY } from "@/lib/detection/flapping";
import { recordDown, recordUp } from "@/lib/faults/instance-down";
import { haproxyCause, type ServerSnapshot } from "./haproxy/snapshot";
import type { Health, PoolRole } from "@/lib/status/vocabulary";

export interface ObservedInstance {
  id: string;
  name: string;
  serviceId: string;
  poolRole: PoolRole;
  observedHealth: Health;
}

/**
 * HAProxy marked a server DOWN (its checks, or `observe layer7` on live traffic — often before
 * the poller's own checks trip): its snapshot as an observation for the instance's DOWN fault
 * (lib/faults/down-rules.ts decides whether that opens, reopens or adds evidence).
 */
export async function onHaproxyDown(db: Db, inst: ObservedInstance, s: ServerSnapshot, now: Date, inMaintenance: boolean): Promise<string | null> {
  return db.$transaction((tx) =>
    recordDown(tx, {
      source: "BALANCER",
      instance: { id: inst.id, serviceId: inst.serviceId, poolRole: inst.poolRole },
      at: now,
      // HAProxy's lastchg: seconds since it changed the server's state (the poller's stored
      // failing checks can make it earlier: see recordDown).
      startedAt: new Date(now.getTime() - s.lastChangeSec * 1000),
      type: faultTypeFromHaproxy(s.checkStatus, s.checkDetail),
      cause: `HAProxy marked ${s.backend}/${s.server} DOWN: ${haproxyCause(s)}`,
      inMaintenance,
      flapping: false,
      flapWindowMs: DEFAULT_FLAP_POLICY.windowMs,
    }),
  );
}

/**
 * HAProxy serves the server again: its snapshot as an observation for the instance's DOWN fault
 * (lib/faults/down-rules.ts: it resolves when no other observer still sees the instance DOWN).
 * With `note` (the moment it came back), any other open fault gets the news on its timeline;
 * without it (a state sweep after a missed edge) nothing but the resolution is written.
 */
export async function onHaproxyUp(db: Db, inst: ObservedInstance, s: ServerSnapshot, now: Date, o: { note: boolean } = { note: true }): Promise<string | null> {
  return db.$transaction((tx) =>
    recordUp(tx, {
      source: "BALANCER",
      instanceId: inst.id,
      at: now,
      resolution: `HAProxy reports ${s.backend}/${s.server} ${s.status} again (${haproxyCause(s)})`,
      flapping: false,
      note: o.note,
    }),
  );
}
