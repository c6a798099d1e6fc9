import crypto from "node:crypto";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { FaultEventKind, Prisma } from "@/lib/generated/prisma/client";
import { faultKey, fingerprints } from "./fingerprint";
import { postmortemChanges } from "./postmortem";
import type { FaultPatch, NewManualFault } from "./schemas";
import { faultInclude, toFaultView, type FaultView } from "./view";

type Event = { kind: FaultEventKind; message: string; data?: Prisma.InputJsonValue };

/**
 * Operator changes to a fault: acknowledge, resolve, reopen, severity, cause/resolution edits,
 * notes and the postmortem (impact, root-cause category, action items). Each change is a timeline event (edits keep the previous text there) and one audit
 * entry. Repeating a change that is already in effect changes nothing (double clicks are safe).
 */
export async function updateFault(db: Db, ctx: AuditContext, id: string, patch: FaultPatch): Promise<FaultView> {
  return audited(db, ctx, { action: "fault.update", target: { kind: "fault", id }, reason: patch.reason }, async (tx) => {
    const cur = await tx.fault.findUnique({ where: { id }, include: faultInclude });
    if (!cur) throw notFound("fault");
    const before = toFaultView(cur);
    const now = new Date();
    const data: Prisma.FaultUpdateInput = {};
    const events: Event[] = [];
    const who = ctx.actor.name;

    if (patch.status === "ACKNOWLEDGED" && cur.status === "OPEN") {
      Object.assign(data, { status: "ACKNOWLEDGED", acknowledgedAt: now, acknowledgedBy: who });
      events.push({ kind: "ACKNOWLEDGED", message: `Acknowledged by ${who}` });
    } else if (patch.status === "ACKNOWLEDGED" && cur.status === "RESOLVED") {
      throw new AppError("CONFLICT", `${faultKey(cur.number)} is already resolved`, "status");
    }
    if (patch.status === "RESOLVED" && cur.status !== "RESOLVED") {
      const resolution = patch.resolution ?? cur.resolution ?? `Resolved by ${who}`;
      Object.assign(data, { status: "RESOLVED", resolvedAt: now, resolvedBy: who, resolution });
      events.push({ kind: "RESOLVED", message: resolution });
    }
    if (patch.status === "OPEN" && cur.status === "RESOLVED") {
      Object.assign(data, { status: "OPEN", resolvedAt: null, resolvedBy: null });
      events.push({ kind: "REOPENED", message: `Reopened by ${who}` });
    }
    if (patch.severity && patch.severity !== cur.severity) {
      data.severity = patch.severity;
      events.push({ kind: "SEVERITY_CHANGED", message: `Severity ${cur.severity} → ${patch.severity}` });
    }
    if (patch.cause && patch.cause !== cur.cause) {
      data.cause = patch.cause;
      events.push({ kind: "CAUSE_EDITED", message: `Cause edited by ${who}`, data: { previous: cur.cause, current: patch.cause } });
    }
    if (patch.resolution && patch.resolution !== cur.resolution && patch.status !== "RESOLVED") {
      data.resolution = patch.resolution;
      events.push({ kind: "RESOLUTION_EDITED", message: `Resolution edited by ${who}`, data: { previous: cur.resolution, current: patch.resolution } });
    }
    if (patch.note) events.push({ kind: "NOTE", message: patch.note });
    const postmortem = await postmortemChanges(tx, cur, patch, who, now);
    Object.assign(data, postmortem.data);
    events.push(...postmortem.events);

    const row = Object.keys(data).length ? await tx.fault.update({ where: { id }, data, include: faultInclude }) : cur;
    await addEvents(tx, id, now, who, events);
    const after = toFaultView(row);
    return { value: after, before, after, target: { kind: "fault", id, name: faultKey(cur.number) } };
  });
}

async function addEvents(tx: Tx, faultId: string, at: Date, actor: string, events: Event[]) {
  if (events.length) await tx.faultEvent.createMany({ data: events.map((e) => ({ faultId, at, actor, ...e })) });
}

/** Record a fault by hand (an operator noticed something the poller cannot see). */
export async function createManualFault(db: Db, ctx: AuditContext, input: NewManualFault): Promise<FaultView> {
  return audited(db, ctx, { action: "fault.create", target: { kind: "service", id: input.serviceId }, reason: input.reason }, async (tx) => {
    const service = await tx.service.findUnique({ where: { id: input.serviceId } });
    if (!service) throw new AppError("VALIDATION", "serviceId: no such service", "serviceId");
    if (input.instanceId) {
      const inst = await tx.instance.findFirst({ where: { id: input.instanceId, pool: { serviceId: input.serviceId } } });
      if (!inst) throw new AppError("VALIDATION", "instanceId: no such instance in this service", "instanceId");
    }
    const now = new Date();
    const startedAt = input.startedAt ? new Date(input.startedAt) : now;
    if (startedAt > now) throw new AppError("VALIDATION", "startedAt: must not be in the future", "startedAt");
    const row = await tx.fault.create({
      data: {
        type: input.type,
        severity: input.severity,
        serviceId: input.serviceId,
        instanceId: input.instanceId ?? null,
        startedAt,
        detectedAt: now,
        cause: input.cause,
        source: ctx.actor.kind === "token" ? "API" : "OPERATOR",
        fingerprint: fingerprints.manual(crypto.randomUUID()),
        events: { create: { at: now, kind: "OPENED", actor: ctx.actor.name, message: input.cause } },
      },
      include: faultInclude,
    });
    const view = toFaultView(row);
    return { value: view, after: view, target: { kind: "fault", id: view.id, name: view.key } };
  });
}
