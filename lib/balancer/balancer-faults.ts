import type { Db } from "@/lib/db/client";
import { faultTypeFromHaproxy } from "@/lib/detection/haproxy-fault-type";
import { resolve } from "@/lib/faults/apply-transition";
import { fingerprints } from "@/lib/faults/fingerprint";
import { openOrReuseFault } from "@/lib/faults/open-fault";
import { haproxyCause, type ServerSnapshot } from "./haproxy/snapshot";
import type { Health, PoolRole } from "@/lib/status/vocabulary";

export const BALANCER_ACTOR = "haproxy";

export interface ObservedInstance {
  id: string;
  name: string;
  serviceId: string;
  poolRole: PoolRole;
  observedHealth: Health;
}

/**
 * HAProxy marked a server DOWN (its checks, or `observe layer7` on live traffic — often before
 * the poller's own checks trip): open the instance's fault with source BALANCER and HAProxy's
 * words, or add them to the fault the poller already opened.
 */
export async function onHaproxyDown(db: Db, inst: ObservedInstance, s: ServerSnapshot, now: Date, inMaintenance: boolean): Promise<string | null> {
  const cause = `HAProxy marked ${s.backend}/${s.server} DOWN: ${haproxyCause(s)}`;
  return db.$transaction(async (tx) => {
    const fp = fingerprints.instanceDown(inst.id);
    const open = await tx.fault.findFirst({ where: { fingerprint: fp, status: { not: "RESOLVED" } }, select: { id: true } });
    if (open) {
      await tx.faultEvent.create({ data: { faultId: open.id, at: now, kind: "BALANCER", actor: BALANCER_ACTOR, message: cause } });
      return open.id;
    }
    if (inMaintenance) return null;
    const fault = await openOrReuseFault(tx, {
      fingerprint: fp,
      type: faultTypeFromHaproxy(s.checkStatus, s.checkDetail),
      severity: inst.poolRole === "ACTIVE" ? "SEV3" : "SEV4",
      serviceId: inst.serviceId,
      instanceId: inst.id,
      // HAProxy's lastchg: seconds since it changed the server's state.
      startedAt: new Date(now.getTime() - s.lastChangeSec * 1000),
      detectedAt: now,
      cause,
      source: "BALANCER",
      actor: BALANCER_ACTOR,
    });
    return fault.id;
  });
}

/**
 * HAProxy serves the server again: a fault HAProxy alone opened is resolved here unless the
 * poller still sees the instance DOWN (then the poller resolves it). With `note` (the moment it
 * came back), any other open fault gets the news on its timeline; without it (a state sweep after
 * a missed edge) nothing but the resolution is written.
 */
export async function onHaproxyUp(db: Db, inst: ObservedInstance, s: ServerSnapshot, now: Date, o: { note: boolean } = { note: true }): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const open = await tx.fault.findFirst({
      where: { fingerprint: fingerprints.instanceDown(inst.id), status: { not: "RESOLVED" } },
      select: { id: true, source: true },
    });
    if (!open) return null;
    const message = `HAProxy reports ${s.backend}/${s.server} ${s.status} again (${haproxyCause(s)})`;
    if (open.source === "BALANCER" && inst.observedHealth !== "DOWN") await resolve(tx, open.id, now, message, BALANCER_ACTOR);
    else if (o.note) await tx.faultEvent.create({ data: { faultId: open.id, at: now, kind: "BALANCER", actor: BALANCER_ACTOR, message } });
    else return null;
    return open.id;
  });
}
