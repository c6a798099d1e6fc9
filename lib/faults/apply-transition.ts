import type { Tx } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { degradedCause, faultCause, faultResolution } from "@/lib/detection/describe";
import type { Transition } from "@/lib/detection/thresholds";
import type { FaultType } from "@/lib/generated/prisma/client";
import { fingerprints } from "./fingerprint";
import { openOrReuseFault } from "./open-fault";
import { evaluateServiceFault } from "./service-fault";
import type { PoolRole } from "@/lib/status/vocabulary";

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
  now: Date;
}

const ACTOR = "poller";

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
  if (input.inMaintenance) return [];
  const fp = fingerprints.instanceDown(ctx.instanceId);
  const first = t.firstFailure ?? t.result;
  const cause = faultCause(t);
  const open = await tx.fault.findFirst({ where: { fingerprint: fp, status: { not: "RESOLVED" } } });
  if (open && open.source === "BALANCER" && !(await tx.faultEvent.findFirst({ where: { faultId: open.id, actor: ACTOR }, select: { id: true } }))) {
    // HAProxy saw it first (its own check or live traffic); the poller now agrees, and its
    // classification replaces HAProxy's generic one.
    if (open.type === "BALANCER_REPORTED" && first.errorClass) await tx.fault.update({ where: { id: open.id }, data: { type: first.errorClass as FaultType } });
    await tx.faultEvent.create({ data: { faultId: open.id, at: t.at, kind: "NOTE", actor: ACTOR, message: `Poller confirms DOWN: ${cause}` } });
    return [open.id];
  }
  if (open) {
    // Still open because it is flapping: count the flap on the same fault.
    await tx.fault.update({ where: { id: open.id }, data: { flapCount: { increment: 1 }, flapping: open.flapping || input.flapping } });
    await tx.faultEvent.create({ data: { faultId: open.id, at: t.at, kind: "FLAP", actor: ACTOR, message: `Down again: ${cause}` } });
    return [open.id];
  }
  const recent = await tx.fault.findFirst({
    where: { fingerprint: fp, status: "RESOLVED", resolvedAt: { gte: new Date(input.now.getTime() - input.flapWindowMs) } },
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
        flapping: input.flapping,
        acknowledgedAt: null,
        acknowledgedBy: null,
      },
    });
    await tx.faultEvent.create({
      data: { faultId: recent.id, at: t.at, kind: "REOPENED", actor: ACTOR, message: `Down again ${new Date(t.at).toISOString()}: ${cause}` },
    });
    return [recent.id];
  }
  const fault = await openOrReuseFault(tx, {
    fingerprint: fp,
    type: (first.errorClass ?? "UNKNOWN") as FaultType,
    severity: ctx.poolRole === "ACTIVE" ? "SEV3" : "SEV4",
    serviceId: ctx.serviceId,
    instanceId: ctx.instanceId,
    startedAt: first.at,
    detectedAt: input.now,
    cause,
    source: "POLLER",
    actor: ACTOR,
  });
  return [fault.id];
}

async function onRecovered(tx: Tx, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  const open = await tx.fault.findFirst({ where: { fingerprint: fingerprints.instanceDown(ctx.instanceId), status: { not: "RESOLVED" } } });
  if (!open) return [];
  const resolution = faultResolution(t);
  if (input.flapping) {
    await tx.fault.update({ where: { id: open.id }, data: { flapping: true } });
    await tx.faultEvent.create({
      data: { faultId: open.id, at: t.at, kind: "FLAP", actor: ACTOR, message: `${resolution} — still flapping, kept open until stable` },
    });
    return [open.id];
  }
  await resolve(tx, open.id, t.at, resolution);
  return [open.id];
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
    detectedAt: input.now,
    cause: degradedCause(t),
    source: "POLLER",
    actor: ACTOR,
  });
  return [fault.id];
}

async function closeDegraded(tx: Tx, input: TransitionInput): Promise<string[]> {
  const { ctx, transition: t } = input;
  const open = await tx.fault.findFirst({ where: { fingerprint: fingerprints.instanceDegraded(ctx.instanceId), status: { not: "RESOLVED" } } });
  if (!open) return [];
  const why = t.to === "DOWN" ? `Superseded: the instance went DOWN at ${t.at.toISOString()}` : faultResolution(t);
  await resolve(tx, open.id, t.at, why);
  return [open.id];
}

/** Mark resolved with the written resolution; the text is also kept in the timeline. */
export async function resolve(tx: Tx, faultId: string, at: Date, resolution: string, actor = ACTOR): Promise<void> {
  await tx.fault.update({ where: { id: faultId }, data: { status: "RESOLVED", resolvedAt: at, resolvedBy: actor, resolution } });
  await tx.faultEvent.create({ data: { faultId, at, kind: "RESOLVED", actor, message: resolution } });
}

/**
 * A flapping fault resolves only once the instance has been stable for a whole flap window.
 */
export async function resolveStableFlapping(db: Db, instanceId: string, at: Date, upSince: Date): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const open = await tx.fault.findFirst({ where: { fingerprint: fingerprints.instanceDown(instanceId), status: { not: "RESOLVED" }, flapping: true } });
    if (!open) return null;
    await resolve(tx, open.id, at, `Stopped flapping: up and stable since ${upSince.toISOString()} after ${open.flapCount} flaps`);
    return open.id;
  });
}
