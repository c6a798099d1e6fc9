import type { Tx } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { degradedCause, faultCause, faultResolution } from "@/lib/detection/describe";
import type { Transition } from "@/lib/detection/thresholds";
import type { FaultType } from "@/lib/generated/prisma/client";
import { fingerprints } from "./fingerprint";
import { OBSERVER_ACTOR, recordDown, recordUp } from "./instance-down";
import { openOrReuseFault } from "./open-fault";
import { resolveFault } from "./resolve-fault";
import { evaluateServiceFault } from "./service-fault";
import type { PoolRole } from "@/lib/status/vocabulary";
import { UNRESOLVED } from "./unresolved";

/** Where an instance sits (loaded with it by the poller). */
export interface InstanceContext {
  instanceId: string;
  instanceName: string;
  serviceId: string;
  serviceName: string;
  poolRole: PoolRole;
}

export interface TransitionInput {
  ctx: InstanceContext;
  transition: Transition;
  /** The flap detector's verdict including this transition. */
  flapping: boolean;
  /** A resolved fault of this instance younger than this is reopened instead of a new one. */
  flapWindowMs: number;
  inMaintenance: boolean;
}

const ACTOR = OBSERVER_ACTOR.POLLER;

/**
 * Persist one health transition of an instance, in one transaction: its observed health, the
 * fault it opens, reopens (flapping) or resolves, the timeline events, and the service-level
 * fault when its whole active pool is down or serving again. Returns the faults it touched.
 */
export async function applyTransition(db: Db, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  return db.$transaction(async (tx) => {
    await tx.instance.update({ where: { id: ctx.instanceId }, data: { observedHealth: t.to, observedHealthAt: t.at } });
    const touched: string[] = [];
    if (t.to === "DOWN") touched.push(...(await onDown(tx, input)));
    if (t.from === "DOWN") touched.push(...(await onRecovered(tx, input)));
    if (t.to === "DEGRADED" && !input.inMaintenance) touched.push(...(await onDegraded(tx, input)));
    if (t.to === "UP" || t.to === "DOWN") touched.push(...(await closeDegraded(tx, input)));
    touched.push(...(await evaluateServiceFault(tx, { serviceId: ctx.serviceId, at: t.at, actor: ACTOR, inMaintenance: input.inMaintenance })));
    return touched;
  });
}

async function onDown(tx: Tx, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  const first = t.firstFailure ?? t.result;
  const id = await recordDown(tx, {
    source: "POLLER",
    instance: { id: ctx.instanceId, serviceId: ctx.serviceId, poolRole: ctx.poolRole },
    at: t.at,
    startedAt: first.at,
    type: first.errorClass as FaultType | null,
    cause: faultCause(t),
    inMaintenance: input.inMaintenance,
    flapping: input.flapping,
    flapWindowMs: input.flapWindowMs,
  });
  return id ? [id] : [];
}

async function onRecovered(tx: Tx, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  const id = await recordUp(tx, {
    source: "POLLER",
    instanceId: ctx.instanceId,
    at: t.at,
    resolution: faultResolution(t),
    flapping: input.flapping,
    note: false,
  });
  return id ? [id] : [];
}

async function onDegraded(tx: Tx, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  const first = t.firstFailure ?? t.result;
  const fault = await openOrReuseFault(tx, {
    fingerprint: fingerprints.instanceDegraded(ctx.instanceId),
    type: (first.errorClass ?? "SLOW_RESPONSE") as FaultType,
    severity: "SEV4",
    serviceId: ctx.serviceId,
    instanceId: ctx.instanceId,
    startedAt: first.at,
    // When the poller saw it, not when the write ran (a write queued through a database outage).
    detectedAt: t.at,
    cause: degradedCause(t),
    source: "POLLER",
    actor: ACTOR,
  });
  return [fault.id];
}

async function closeDegraded(tx: Tx, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  const open = await tx.fault.findFirst({ where: { fingerprint: fingerprints.instanceDegraded(ctx.instanceId), ...UNRESOLVED } });
  if (!open) return [];
  const why = t.to === "DOWN" ? `Superseded: the instance went DOWN at ${t.at.toISOString()}` : faultResolution(t);
  await resolveFault(tx, open.id, t.at, why, ACTOR);
  return [open.id];
}
