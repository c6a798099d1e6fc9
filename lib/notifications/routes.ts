import { audited, type AuditContext } from "@/lib/audit/audited";
import { NEW_ID } from "@/lib/audit/catalogue";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { NotificationRoute } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import { CreateRouteInput, type UpdateRouteInput } from "./schemas";

/** Route CRUD (admin): which events go to which channel, and how they escalate. */

export interface RouteView {
  id: string;
  name: string;
  channel: { id: string; name: string };
  service: { id: string; name: string } | null;
  minSeverity: string;
  faultTypes: string[];
  events: string[];
  escalateAfterSeconds: number | null;
  escalateChannel: { id: string; name: string } | null;
  repeatEverySeconds: number | null;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const include = {
  channel: { select: { id: true, name: true } },
  escalateChannel: { select: { id: true, name: true } },
  service: { select: { id: true, name: true } },
} as const;
type RouteRow = NotificationRoute & {
  channel: { id: string; name: string };
  escalateChannel: { id: string; name: string } | null;
  service: { id: string; name: string } | null;
};

function toRouteView(r: RouteRow): RouteView {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel,
    service: r.service,
    minSeverity: r.minSeverity,
    faultTypes: r.faultTypes,
    events: r.events,
    escalateAfterSeconds: r.escalateAfterSeconds,
    escalateChannel: r.escalateChannel,
    repeatEverySeconds: r.repeatEverySeconds,
    enabled: r.enabled,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listRoutes(db: Db): Promise<RouteView[]> {
  return (await db.notificationRoute.findMany({ include, orderBy: { name: "asc" } })).map(toRouteView);
}

async function checkRefs(tx: Tx, r: { channelId?: string; escalateChannelId?: string | null; serviceId?: string | null }) {
  if (r.channelId && !(await tx.notificationChannel.findUnique({ where: { id: r.channelId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "channelId: no such channel", "channelId");
  }
  if (r.escalateChannelId && !(await tx.notificationChannel.findUnique({ where: { id: r.escalateChannelId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "escalateChannelId: no such channel", "escalateChannelId");
  }
  if (r.serviceId && !(await tx.service.findFirst({ where: { id: r.serviceId, archivedAt: null }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "serviceId: no such service", "serviceId");
  }
}

async function nameFree(tx: Tx, name: string, except?: string) {
  const other = await tx.notificationRoute.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== except) throw new AppError("CONFLICT", `a route named ${name} already exists`, "name");
}

/** `raw` as the API takes it (defaults filled in here, so scripts and seeds pass only what they set). */
export async function createRoute(db: Db, ctx: AuditContext, raw: z.input<typeof CreateRouteInput>): Promise<RouteView> {
  const input = CreateRouteInput.parse(raw);
  const { reason, ...data } = input;
  return audited(db, ctx, { action: "notification_route.create", target: { kind: "notification_route", id: NEW_ID, name: input.name }, reason }, async (tx) => {
    await nameFree(tx, input.name);
    await checkRefs(tx, input);
    const row = await tx.notificationRoute.create({ data: { ...data, createdBy: ctx.actor.name }, include });
    const view = toRouteView(row);
    return { value: view, after: view, target: { kind: "notification_route", id: row.id, name: row.name } };
  });
}

export async function updateRoute(db: Db, ctx: AuditContext, id: string, input: UpdateRouteInput): Promise<RouteView> {
  const { reason, ...data } = input;
  return audited(db, ctx, { action: "notification_route.update", target: { kind: "notification_route", id }, reason }, async (tx) => {
    const cur = await tx.notificationRoute.findUnique({ where: { id }, include });
    if (!cur) throw notFound("route");
    if (input.name) await nameFree(tx, input.name, id);
    await checkRefs(tx, input);
    const merged = { ...cur, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) };
    if (merged.escalateAfterSeconds === null && (merged.escalateChannelId !== null || merged.repeatEverySeconds !== null)) {
      throw new AppError("VALIDATION", "escalateAfterSeconds: set escalateAfterSeconds to escalate", "escalateAfterSeconds");
    }
    const row = await tx.notificationRoute.update({ where: { id }, data, include });
    const before = toRouteView(cur);
    const after = toRouteView(row);
    return { value: after, before, after, target: { kind: "notification_route", id, name: row.name } };
  });
}

export async function deleteRoute(db: Db, ctx: AuditContext, id: string, reason?: string): Promise<{ deleted: true }> {
  return audited(db, ctx, { action: "notification_route.delete", target: { kind: "notification_route", id }, reason }, async (tx) => {
    const cur = await tx.notificationRoute.findUnique({ where: { id }, include });
    if (!cur) throw notFound("route");
    await tx.notificationRoute.delete({ where: { id } });
    return { value: { deleted: true as const }, before: toRouteView(cur), target: { kind: "notification_route", id, name: cur.name } };
  });
}
