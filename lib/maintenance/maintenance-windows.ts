import { z } from "zod";
import { IsoTime } from "@/lib/http/fields";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { AuditTarget } from "@/lib/audit/catalogue";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";

export const NewMaintenance = z
  .object({
    serviceId: z.uuid().optional(),
    instanceId: z.uuid().optional(),
    startsAt: IsoTime.optional(),
    endsAt: IsoTime,
    reason: z.string().trim().min(1, "say what the maintenance is for").max(500),
  })
  .refine((m) => Boolean(m.serviceId) !== Boolean(m.instanceId), { message: "give serviceId or instanceId (one of them)", path: ["serviceId"] });
export type NewMaintenance = z.infer<typeof NewMaintenance>;

export interface MaintenanceView {
  id: string;
  serviceId: string | null;
  instanceId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  cancelledAt: string | null;
  active: boolean;
}

type Row = {
  id: string;
  serviceId: string | null;
  instanceId: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string;
  cancelledAt: Date | null;
};

function view(r: Row, now = new Date()): MaintenanceView {
  return {
    id: r.id,
    serviceId: r.serviceId,
    instanceId: r.instanceId,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    reason: r.reason,
    createdBy: r.createdBy,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    active: !r.cancelledAt && r.startsAt <= now && r.endsAt > now,
  };
}

/** Current and future windows (ended ones drop out after a day). */
export async function listMaintenance(db: Db): Promise<{ items: MaintenanceView[]; nextCursor: null }> {
  const rows = await db.maintenanceWindow.findMany({ where: { endsAt: { gt: new Date(Date.now() - 86_400_000) } }, orderBy: { startsAt: "asc" } });
  return { items: rows.map((r) => view(r)), nextCursor: null };
}

/** Schedule a window: checks go on, faults are not opened for the target meanwhile. */
export async function createMaintenance(db: Db, ctx: AuditContext, input: NewMaintenance): Promise<MaintenanceView> {
  const startsAt = input.startsAt ? new Date(input.startsAt) : new Date();
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError("VALIDATION", "endsAt: must be after startsAt", "endsAt");
  // The entry names what the window covers (the timeline files it under that service or instance).
  const target: AuditTarget = input.serviceId ? { kind: "service", id: input.serviceId } : { kind: "instance", id: input.instanceId! };
  return audited(db, ctx, { action: "maintenance.create", target, reason: input.reason }, async (tx) => {
    const service = input.serviceId ? await tx.service.findUnique({ where: { id: input.serviceId }, select: { name: true } }) : null;
    const instance = input.instanceId ? await tx.instance.findUnique({ where: { id: input.instanceId }, select: { name: true } }) : null;
    if (input.serviceId && !service) throw new AppError("VALIDATION", "serviceId: no such service", "serviceId");
    if (input.instanceId && !instance) throw new AppError("VALIDATION", "instanceId: no such instance", "instanceId");
    const row = await tx.maintenanceWindow.create({
      data: { serviceId: input.serviceId ?? null, instanceId: input.instanceId ?? null, startsAt, endsAt, reason: input.reason, createdBy: ctx.actor.name },
    });
    const v = view(row);
    return { value: v, after: v, target: { ...target, name: (service ?? instance)?.name } };
  });
}

/** End a window early (idempotent). */
export async function cancelMaintenance(db: Db, ctx: AuditContext, id: string, reason?: string): Promise<MaintenanceView> {
  return audited(db, ctx, { action: "maintenance.cancel", target: { kind: "maintenance", id }, reason }, async (tx) => {
    const cur = await tx.maintenanceWindow.findUnique({ where: { id } });
    if (!cur) throw notFound("maintenance window");
    const row = cur.cancelledAt ? cur : await tx.maintenanceWindow.update({ where: { id }, data: { cancelledAt: new Date() } });
    return { value: view(row), before: view(cur), after: view(row) };
  });
}
