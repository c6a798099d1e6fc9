import { advisoryXactLock } from "@/lib/db/advisory-lock";
import type { Db, Tx } from "@/lib/db/client";
import type { FaultType } from "@/lib/generated/prisma/client";
import type { PoolRole } from "@/lib/status/vocabulary";
import { decideDown, decideUp, OBSERVER_ACTOR, type Observer, type OpenDownFault, type FaultPatch } from "./down-rules";
import { addEvidence } from "./evidence";
import { fingerprints } from "./fingerprint";
import { openOrReuseFault } from "./open-fault";
import { resolveFault } from "./resolve-fault";
import { instanceFaultSeverity } from "./severity";
import { UNRESOLVED } from "./unresolved";

/**
 * The instance-DOWN fault (one per outage, `fingerprints.instanceDown`) has two observers: the
 * poller (its own checks, source POLLER) and HAProxy (its checks or live traffic, source BALANCER).
 * Both write it only through recordDown / recordUp: they load the fault, ask the pure rules in
 * `down-rules.ts`, and write what those decide.
 */
export { OBSERVER_ACTOR } from "./down-rules";

/** The instance a fault is about: enough to file it. */
interface FaultInstance {
  id: string;
  serviceId: string;
  poolRole: PoolRole;
}

/** An instance observed DOWN. */
export interface InstanceDown {
  source: Observer;
  instance: FaultInstance;
  /** When the observer saw it DOWN: timeline time and a new fault's detectedAt. */
  at: Date;
  /** The earliest failing evidence the observer knows of (its first failed check, HAProxy's lastchg). */
  startedAt: Date;
  /** The observer's classification; null when it has none (a new fault is then BALANCER_REPORTED). */
  type: FaultType | null;
  cause: string;
  inMaintenance: boolean;
  /** The poller's flap detector's verdict including this observation (HAProxy: false). */
  flapping: boolean;
  /** A fault of this instance resolved less than this before `at` is reopened. */
  flapWindowMs: number;
}

/** An instance observed serving again. */
export interface InstanceUp {
  source: Observer;
  instanceId: string;
  at: Date;
  /** The resolution (or the timeline text when the fault stays open). */
  resolution: string;
  /** The poller's flap detector's verdict including this observation (HAProxy: false). */
  flapping: boolean;
  /** HAProxy: put its words on a fault it does not change (false: a state sweep after a missed edge). */
  note: boolean;
}

const openFaultSelect = { id: true, type: true, startedAt: true, detectedAt: true, flapping: true, flapCount: true, downSources: true } as const;

/**
 * The poller and the observer write the same fault from different transactions: each decision is
 * made on what the other committed, never on a stale read (which lost an observer's leave or join
 * and left a fault open with an observer that had long seen the instance serving). A transaction
 * advisory lock per instance serialises them — also when there is no row yet to lock.
 */
async function lockInstanceFaults(tx: Tx, instanceId: string): Promise<void> {
  await advisoryXactLock(tx, `instance-down:${instanceId}`);
}

async function loadOpen(tx: Tx, instanceId: string): Promise<OpenDownFault | null> {
  await lockInstanceFaults(tx, instanceId);
  const f = await tx.fault.findFirst({ where: { fingerprint: fingerprints.instanceDown(instanceId), ...UNRESOLVED }, select: openFaultSelect });
  return f ? { ...f, downSources: f.downSources.filter((s): s is Observer => s === "POLLER" || s === "BALANCER") } : null;
}

/**
 * The earliest failing check the poller has stored in the instance's current failing streak (after
 * its last passing check): HAProxy often marks a server DOWN seconds after the poller's first
 * failure, and the fault starts at the first failing evidence.
 */
async function firstFailingCheck(tx: Tx, instanceId: string): Promise<Date | null> {
  const rows = await tx.$queryRaw<Array<{ at: Date | null }>>`
    SELECT min("at") AS "at" FROM "CheckResult"
    WHERE "instanceId" = ${instanceId}::uuid AND NOT "ok"
      AND "at" > COALESCE((SELECT max("at") FROM "CheckResult" WHERE "instanceId" = ${instanceId}::uuid AND "ok"), '-infinity')`;
  return rows[0]?.at ?? null;
}

async function patchFault(tx: Tx, id: string, patch: FaultPatch, reopen = false): Promise<void> {
  const data = reopen
    ? { ...patch, status: "OPEN" as const, resolvedAt: null, resolvedBy: null, resolution: null, acknowledgedAt: null, acknowledgedBy: null }
    : patch;
  if (Object.keys(data).length > 0) await tx.fault.update({ where: { id }, data });
}

/**
 * Record an instance observed DOWN on its DOWN fault (rules: `decideDown`); returns the fault
 * written, or null. During maintenance nothing opens and the poller writes nothing; HAProxy's
 * words still go on an open fault.
 */
export async function recordDown(tx: Tx, d: InstanceDown): Promise<string | null> {
  if (d.source === "POLLER" && d.inMaintenance) return null;
  const actor = OBSERVER_ACTOR[d.source];
  const fingerprint = fingerprints.instanceDown(d.instance.id);
  const open = await loadOpen(tx, d.instance.id);
  if (!open && d.inMaintenance) return null;
  const recent = open
    ? null
    : await tx.fault.findFirst({
        where: { fingerprint, status: "RESOLVED", resolvedAt: { gte: new Date(d.at.getTime() - d.flapWindowMs) } },
        orderBy: { resolvedAt: "desc" },
        select: { id: true, flapCount: true },
      });
  const stored = !open && !recent ? await firstFailingCheck(tx, d.instance.id) : null;
  const startedAt = stored && stored < d.startedAt ? stored : d.startedAt;
  const decision = decideDown(open, recent, { source: d.source, at: d.at, startedAt, type: d.type, cause: d.cause, flapping: d.flapping });
  switch (decision.kind) {
    case "none":
      return null;
    case "open": {
      const fault = await openOrReuseFault(tx, {
        fingerprint,
        type: decision.type,
        severity: instanceFaultSeverity(d.instance.poolRole),
        serviceId: d.instance.serviceId,
        instanceId: d.instance.id,
        startedAt: decision.startedAt,
        detectedAt: decision.detectedAt,
        cause: decision.cause,
        source: d.source,
        actor,
        downSources: decision.downSources,
      });
      return fault.id;
    }
    case "reopen":
    case "update":
      await patchFault(tx, decision.id, decision.patch, decision.kind === "reopen");
      await addEvidence(tx, decision.id, { at: d.at, actor, ...decision.event });
      return decision.id;
  }
}

/**
 * Record an instance observed serving again on its open DOWN fault (rules: `decideUp`); returns
 * the fault written, or null (no fault open, or nothing to say).
 */
export async function recordUp(tx: Tx, u: InstanceUp): Promise<string | null> {
  const open = await loadOpen(tx, u.instanceId);
  const decision = decideUp(open, u);
  const actor = OBSERVER_ACTOR[u.source];
  switch (decision.kind) {
    case "none":
      return null;
    case "update":
      await patchFault(tx, decision.id, decision.patch);
      await addEvidence(tx, decision.id, { at: u.at, actor, ...decision.event });
      return decision.id;
    case "resolve":
      await tx.fault.update({ where: { id: decision.id }, data: { downSources: [], quietSince: null, detectedAt: decision.detectedAt } });
      await resolveFault(tx, decision.id, decision.resolvedAt, decision.resolution, actor);
      return decision.id;
  }
}

/**
 * Resolve flapping DOWN faults that no observer has seen DOWN for a whole flap window (of one
 * instance, or all). The UPDATE re-checks the condition, so callers racing here (the poller's own
 * stability verdict, the periodic sweep, other replicas) resolve each fault once.
 */
export async function resolveQuietFlapping(db: Db, now: Date, windowMs: number, instanceId?: string): Promise<string[]> {
  const quietBefore = new Date(now.getTime() - windowMs);
  const candidates = await db.fault.findMany({
    where: {
      ...UNRESOLVED,
      flapping: true,
      downSources: { isEmpty: true },
      quietSince: { lte: quietBefore },
      fingerprint: instanceId ? fingerprints.instanceDown(instanceId) : { endsWith: ":down" },
      instanceId: instanceId ?? { not: null },
    },
    select: { id: true, flapCount: true, quietSince: true },
  });
  const resolved: string[] = [];
  for (const f of candidates) {
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.fault.updateMany({
        where: { id: f.id, ...UNRESOLVED, flapping: true, downSources: { isEmpty: true }, quietSince: { lte: quietBefore } },
        data: { quietSince: null },
      });
      if (claimed.count === 0) return false;
      const why = `Stopped flapping: serving and stable since ${f.quietSince!.toISOString()} after ${f.flapCount} flaps`;
      await resolveFault(tx, f.id, now, why, OBSERVER_ACTOR.POLLER);
      return true;
    });
    if (done) resolved.push(f.id);
  }
  return resolved;
}
