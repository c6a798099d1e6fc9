import type { Tx } from "@/lib/db/client";
import type { FaultSource, FaultType } from "@/lib/generated/prisma/client";
import type { Health, PoolRole } from "@/lib/status/vocabulary";
import { addEvidence } from "./evidence";
import { fingerprints } from "./fingerprint";
import { openOrReuseFault } from "./open-fault";
import { resolveFault } from "./resolve-fault";
import { instanceFaultSeverity } from "./severity";
import { UNRESOLVED } from "./unresolved";

/**
 * The instance-DOWN fault (one per outage, `fingerprints.instanceDown`) has two observers: the
 * poller (its own checks, source POLLER) and HAProxy (its checks or live traffic, source BALANCER).
 * Both write it only through recordDown / recordUp, so the rules between them live here.
 */
export type InstanceObserver = Extract<FaultSource, "POLLER" | "BALANCER">;

/** Timeline actor of each observer. */
export const OBSERVER_ACTOR = { POLLER: "poller", BALANCER: "haproxy" } as const satisfies Record<InstanceObserver, string>;

/** The instance a fault is about: enough to file it. */
interface FaultInstance {
  id: string;
  serviceId: string;
  poolRole: PoolRole;
}

interface Down {
  instance: FaultInstance;
  /** When the observer saw it DOWN: the time of timeline events. */
  at: Date;
  /** When this is recorded: a new fault's detectedAt (and OPENED event). */
  detectedAt: Date;
  /** When the outage began: the first failed check, or HAProxy's last state change (lastchg). */
  startedAt: Date;
  /** The observer's classification; null when it has none (a new fault is then UNKNOWN). */
  type: FaultType | null;
  cause: string;
  inMaintenance: boolean;
}

/** An instance observed DOWN. */
export type InstanceDown =
  | (Down & {
      source: "POLLER";
      /** The flap detector's verdict including this observation. */
      flapping: boolean;
      /** A fault of this instance resolved less than this before `detectedAt` is reopened. */
      flapWindowMs: number;
    })
  | (Down & { source: "BALANCER" });

/** An instance observed serving again. */
export type InstanceUp =
  | {
      source: "POLLER";
      instanceId: string;
      at: Date;
      /** The resolution (or, while flapping, the timeline text). */
      resolution: string;
      /** Still flapping: the fault stays open until stable (resolveStableFlapping). */
      flapping: boolean;
    }
  | {
      source: "BALANCER";
      instanceId: string;
      at: Date;
      /** The resolution (or the timeline text when the fault is not HAProxy's to resolve). */
      resolution: string;
      /** The poller's view of the instance (its observedHealth) when HAProxy saw it back. */
      pollerHealth: Health;
      /** Put HAProxy's words on a fault it does not resolve (false: a state sweep after a missed edge). */
      note: boolean;
    };

/**
 * Record an instance observed DOWN on its DOWN fault; returns the fault written, or null.
 * - No fault open: one opens (severity by pool role), unless the instance is in maintenance. The
 *   poller reopens one it resolved within the flap window instead, counting a flap.
 * - HAProxy, fault open: its words are added as BALANCER evidence (also during maintenance).
 * - Poller, fault open that HAProxy opened and the poller has not spoken on yet: the poller adopts
 *   it (its classification replaces HAProxy's generic BALANCER_REPORTED) with a NOTE.
 * - Poller, fault open otherwise: still open because it flaps, so a flap on the same fault.
 * - Poller during maintenance: nothing at all is written.
 */
export async function recordDown(tx: Tx, d: InstanceDown): Promise<string | null> {
  if (d.source === "POLLER" && d.inMaintenance) return null;
  const actor = OBSERVER_ACTOR[d.source];
  const fingerprint = fingerprints.instanceDown(d.instance.id);
  const open = await tx.fault.findFirst({ where: { fingerprint, ...UNRESOLVED } });
  if (open && d.source === "BALANCER") {
    await addEvidence(tx, open.id, { at: d.at, kind: "BALANCER", actor, message: d.cause });
    return open.id;
  }
  if (open && d.source === "POLLER") {
    if (open.source === "BALANCER" && !(await tx.faultEvent.findFirst({ where: { faultId: open.id, actor }, select: { id: true } }))) {
      if (open.type === "BALANCER_REPORTED" && d.type) await tx.fault.update({ where: { id: open.id }, data: { type: d.type } });
      await addEvidence(tx, open.id, { at: d.at, kind: "NOTE", actor, message: `Poller confirms DOWN: ${d.cause}` });
      return open.id;
    }
    await tx.fault.update({ where: { id: open.id }, data: { flapCount: { increment: 1 }, flapping: open.flapping || d.flapping } });
    await addEvidence(tx, open.id, { at: d.at, kind: "FLAP", actor, message: `Down again: ${d.cause}` });
    return open.id;
  }
  if (d.inMaintenance) return null;
  if (d.source === "POLLER") {
    const recent = await tx.fault.findFirst({
      where: { fingerprint, status: "RESOLVED", resolvedAt: { gte: new Date(d.detectedAt.getTime() - d.flapWindowMs) } },
      orderBy: { resolvedAt: "desc" },
    });
    if (recent) {
      // Back down within the flap window: the same trouble, not a new fault.
      await tx.fault.update({
        where: { id: recent.id },
        data: {
          status: "OPEN",
          resolvedAt: null,
          resolvedBy: null,
          flapCount: { increment: 1 },
          flapping: d.flapping,
          acknowledgedAt: null,
          acknowledgedBy: null,
        },
      });
      await addEvidence(tx, recent.id, { at: d.at, kind: "REOPENED", actor, message: `Down again ${d.at.toISOString()}: ${d.cause}` });
      return recent.id;
    }
  }
  const fault = await openOrReuseFault(tx, {
    fingerprint,
    type: d.type ?? "UNKNOWN",
    severity: instanceFaultSeverity(d.instance.poolRole),
    serviceId: d.instance.serviceId,
    instanceId: d.instance.id,
    startedAt: d.startedAt,
    detectedAt: d.detectedAt,
    cause: d.cause,
    source: d.source,
    actor,
  });
  return fault.id;
}

/**
 * Record an instance observed serving again on its open DOWN fault; returns the fault written, or
 * null (no fault open, or nothing to say).
 * - Poller: resolves it, unless it is flapping — then the fault is marked flapping and stays open.
 * - HAProxy: resolves a fault HAProxy opened while the poller does not see the instance DOWN
 *   (otherwise the poller resolves it when its own checks pass); on any other fault it only
 *   notes the news on the timeline, and with `note: false` writes nothing.
 */
export async function recordUp(tx: Tx, u: InstanceUp): Promise<string | null> {
  const open = await tx.fault.findFirst({ where: { fingerprint: fingerprints.instanceDown(u.instanceId), ...UNRESOLVED }, select: { id: true, source: true } });
  if (!open) return null;
  const actor = OBSERVER_ACTOR[u.source];
  if (u.source === "POLLER") {
    if (u.flapping) {
      await tx.fault.update({ where: { id: open.id }, data: { flapping: true } });
      await addEvidence(tx, open.id, { at: u.at, kind: "FLAP", actor, message: `${u.resolution} — still flapping, kept open until stable` });
    } else {
      await resolveFault(tx, open.id, u.at, u.resolution, actor);
    }
    return open.id;
  }
  if (open.source === "BALANCER" && u.pollerHealth !== "DOWN") await resolveFault(tx, open.id, u.at, u.resolution, actor);
  else if (u.note) await addEvidence(tx, open.id, { at: u.at, kind: "BALANCER", actor, message: u.resolution });
  else return null;
  return open.id;
}
