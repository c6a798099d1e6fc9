import type { Db, Tx } from "@/lib/db/client";
import type { NotificationDelivery, NotificationEvent } from "@/lib/generated/prisma/client";
import type { RouteEvent } from "@/lib/status/notify-vocabulary";
import type { MessageFacts } from "./message";
import type { EventFacts } from "./rules";

/** What the pure rules and the message need, read from the database in few queries. */

export async function eventFacts(tx: Tx, events: NotificationEvent[]): Promise<EventFacts[]> {
  const faultIds = [...new Set(events.flatMap((e) => (e.faultId && e.event.startsWith("FAULT_") ? [e.faultId] : [])))];
  const failoverIds = [...new Set(events.flatMap((e) => (e.failoverId ? [e.failoverId] : [])))];
  const instanceIds = [...new Set(events.flatMap((e) => (e.instanceId ? [e.instanceId] : [])))];
  // One after another: a transaction is one connection (queries in parallel would queue on it anyway).
  const faults = await tx.fault.findMany({
    where: { id: { in: faultIds } },
    select: { id: true, type: true, severity: true, serviceId: true, instanceId: true, parent: { select: { number: true } } },
  });
  const failovers = await tx.failover.findMany({ where: { id: { in: failoverIds } }, select: { id: true, serviceId: true } });
  const instances = await tx.instance.findMany({ where: { id: { in: instanceIds } }, select: { id: true, pool: { select: { serviceId: true } } } });
  const faultBy = new Map(faults.map((f) => [f.id, f]));
  const failoverBy = new Map(failovers.map((f) => [f.id, f.serviceId]));
  const instanceBy = new Map(instances.map((i) => [i.id, i.pool.serviceId]));

  const out: EventFacts[] = [];
  for (const e of events) {
    const fault = e.event.startsWith("FAULT_") && e.faultId ? faultBy.get(e.faultId) : undefined;
    const serviceId =
      fault?.serviceId ?? (e.failoverId ? failoverBy.get(e.failoverId) : undefined) ?? (e.instanceId ? instanceBy.get(e.instanceId) : undefined) ?? null;
    const instanceId = fault?.instanceId ?? e.instanceId ?? null;
    out.push({
      eventId: e.id,
      event: e.event as RouteEvent,
      at: e.at,
      serviceId,
      fault: fault
        ? { id: fault.id, type: fault.type, severity: fault.severity, instanceId: fault.instanceId, parentNumber: fault.parent?.number ?? null }
        : null,
      inMaintenance: e.event.startsWith("FAULT_") || e.event === "DRIFT_PERSISTS" ? await inMaintenance(tx, serviceId, instanceId, e.at) : false,
    });
  }
  return out;
}

async function inMaintenance(tx: Tx, serviceId: string | null, instanceId: string | null, at: Date): Promise<boolean> {
  const or = [...(serviceId ? [{ serviceId }] : []), ...(instanceId ? [{ instanceId }] : [])];
  if (or.length === 0) return false;
  return (await tx.maintenanceWindow.count({ where: { OR: or, startsAt: { lte: at }, endsAt: { gt: at }, cancelledAt: null } })) > 0;
}

export async function messageFacts(db: Db, d: NotificationDelivery, consoleUrl: string, now: Date): Promise<MessageFacts> {
  const base: MessageFacts = { idempotencyKey: d.idempotencyKey, event: d.event, at: now, consoleUrl, note: d.note };
  if (d.event === "DIGEST") {
    const folded = await db.notificationDelivery.findMany({ where: { digestId: d.id }, orderBy: { id: "asc" }, select: { note: true } });
    return { ...base, digest: { count: folded.length, lines: folded.map((f) => (f.note ?? "").replace(/^folded into a digest: /, "")) } };
  }
  if (d.faultId && (d.event.startsWith("FAULT_") || d.event === "ESCALATION")) {
    const f = await db.fault.findUnique({
      where: { id: d.faultId },
      include: {
        service: { select: { id: true, name: true } },
        instance: { select: { id: true, name: true } },
        children: { orderBy: { startedAt: "asc" }, select: { number: true, cause: true, status: true, instance: { select: { name: true } } } },
      },
    });
    if (f) {
      // SERVICE_DEGRADED groups nothing (its standby serves); its message lists the instance faults of the service open now.
      const children =
        f.type === "SERVICE_DEGRADED"
          ? await db.fault.findMany({
              where: { serviceId: f.serviceId, instanceId: { not: null }, status: { not: "RESOLVED" } },
              orderBy: { startedAt: "asc" },
              take: 200,
              select: { number: true, cause: true, status: true, instance: { select: { name: true } } },
            })
          : f.children;
      return {
        ...base,
        fault: { ...f, children: children.map((c) => ({ number: c.number, instance: c.instance?.name ?? null, cause: c.cause, status: c.status })) },
      };
    }
  }
  if (d.failoverId) {
    const o = await db.failover.findUnique({
      where: { id: d.failoverId },
      include: { service: { select: { id: true, name: true } }, fromPool: { select: { name: true } }, toPool: { select: { name: true } } },
    });
    if (o) return { ...base, failover: { ...o, from: o.fromPool.name, to: o.toPool.name } };
  }
  if (d.balancerId) {
    const b = await db.balancer.findUnique({ where: { id: d.balancerId }, select: { id: true, name: true, statusMessage: true } });
    if (b) return { ...base, balancer: b };
  }
  if (d.instanceId) {
    const i = await db.instance.findUnique({
      where: { id: d.instanceId },
      select: {
        id: true,
        name: true,
        driftDetail: true,
        driftSince: true,
        updatedAt: true,
        pool: { select: { service: { select: { id: true, name: true } } } },
      },
    });
    if (i)
      return {
        ...base,
        drift: {
          instance: { id: i.id, name: i.name },
          service: i.pool.service,
          detail: i.driftDetail ?? "differs from HAProxy",
          since: i.driftSince ?? i.updatedAt,
        },
      };
  }
  return base;
}
