import type { Db } from "@/lib/db/client";
import { faultKey } from "@/lib/faults/fingerprint";
import { describeChange, faultEventCategory, mergeTimeline, TIMELINE_AUDIT_PREFIXES, type TimelineItem } from "./timeline";
import { resolveRange, type TimelineQuery } from "./schemas";

/** Rows read per source: a window with more events than this is cut (and says so). */
export const TIMELINE_CAP = 20_000;

/** Service names by the ways audit targets name things: instance name or id, service id. */
async function targetServices(db: Db) {
  const [instances, services] = await Promise.all([
    db.instance.findMany({ select: { id: true, name: true, pool: { select: { service: { select: { id: true, name: true } } } } } }),
    db.service.findMany({ select: { id: true, name: true } }),
  ]);
  const map = new Map<string, { id: string; name: string }>();
  for (const i of instances) {
    map.set(`instance:${i.name}`, i.pool.service);
    map.set(`instance:${i.id}`, i.pool.service);
  }
  for (const s of services) map.set(`service:${s.id}`, s);
  return map;
}

/** The merged timeline of a window (GET /api/v1/reports/timeline), oldest first. */
export async function loadTimeline(db: Db, q: Omit<TimelineQuery, "format" | "cursor" | "limit">, now = Date.now()) {
  const { from, to } = resolveRange(q, now);
  const window = { gte: new Date(from), lt: new Date(to) };
  const [events, failovers, audits, targets, service] = await Promise.all([
    db.faultEvent.findMany({
      where: { at: window, fault: q.serviceId ? { serviceId: q.serviceId } : undefined },
      include: { fault: { select: { number: true, service: { select: { name: true } }, instance: { select: { name: true } } } } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: TIMELINE_CAP,
    }),
    db.failover.findMany({
      where: { createdAt: window, serviceId: q.serviceId },
      include: { service: { select: { name: true } }, fromPool: { select: { name: true } }, toPool: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
      take: TIMELINE_CAP,
    }),
    db.auditEntry.findMany({
      where: { at: window, OR: TIMELINE_AUDIT_PREFIXES.map((p) => ({ action: { startsWith: p } })) },
      orderBy: { id: "asc" },
      take: TIMELINE_CAP,
    }),
    targetServices(db),
    q.serviceId ? db.service.findUnique({ where: { id: q.serviceId }, select: { name: true } }) : null,
  ]);
  // Events that only mirror an audit entry or a failover record (noted on a fault's own timeline)
  // would appear twice here: the merged timeline shows the record itself.
  const isMirror = (data: unknown) => typeof data === "object" && data !== null && "mirrors" in data;
  const fromEvents: TimelineItem[] = events
    .filter((e) => !isMirror(e.data))
    .map((e) => {
      const key = faultKey(e.fault.number);
      return {
        at: e.at.toISOString(),
        category: faultEventCategory(e.kind),
        kind: e.kind,
        service: e.fault.service.name,
        subject: e.fault.instance ? `${key} ${e.fault.instance.name}` : key,
        faultKey: key,
        actor: e.actor,
        message: e.message,
      };
    });
  const fromFailovers: TimelineItem[] = failovers.map((f) => ({
    at: f.createdAt.toISOString(),
    category: "FAILOVER",
    kind: f.kind,
    service: f.service.name,
    subject: `${f.fromPool.name} → ${f.toPool.name}`,
    faultKey: null,
    actor: f.actor,
    message: `${f.kind === "FAILBACK" ? "Failback" : "Failover"} (${f.trigger.toLowerCase()}${f.forced ? ", forced" : ""}) ${f.state}: ${f.reason}${f.error ? ` — ${f.error}` : ""}`,
  }));
  const fromAudit: TimelineItem[] = audits
    .map((a) => ({ a, svc: targets.get(a.target) ?? null }))
    .filter(({ svc }) => !q.serviceId || svc?.id === q.serviceId)
    // A repeated setting (a double click) changed nothing: not an event of the incident.
    .filter(({ a }) => a.result === "FAILED" || !a.before || JSON.stringify(a.before) !== JSON.stringify(a.after))
    .map(({ a, svc }) => {
      // A creation has no "before": its full record would drown the row; the action and reason say it.
      const change = a.before ? describeChange(a.before, a.after) : "";
      return {
        at: a.at.toISOString(),
        category: "CHANGE" as const,
        kind: a.action,
        service: svc?.name ?? null,
        subject: a.target.replace(/^instance:/, ""),
        faultKey: null,
        actor: a.actor,
        message: [change || a.action, a.reason ? `reason: ${a.reason}` : "", a.result === "FAILED" ? `FAILED${a.error ? `: ${a.error}` : ""}` : ""]
          .filter(Boolean)
          .join(" · "),
      };
    });
  const all = mergeTimeline(fromEvents, fromFailovers, fromAudit).filter((i) => !q.category || q.category.includes(i.category));
  const truncated = events.length === TIMELINE_CAP || failovers.length === TIMELINE_CAP || audits.length === TIMELINE_CAP;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), service: service?.name ?? null, items: all, truncated };
}
