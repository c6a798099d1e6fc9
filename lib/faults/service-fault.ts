import { targetKey } from "@/lib/audit/catalogue";
import { advisoryXactLock } from "@/lib/db/advisory-lock";
import type { Tx } from "@/lib/db/client";
import { healthInstanceOf, serviceHealth } from "@/lib/status/service-health";
import { fingerprints } from "./fingerprint";
import { openOrReuseFault } from "./open-fault";
import { resolveFault } from "./resolve-fault";
import { UNRESOLVED } from "./unresolved";

const instanceSelect = {
  id: true,
  name: true,
  enabled: true,
  desiredAdminState: true,
  observedAdminState: true,
  observedHealth: true,
  haproxyStatus: true,
  haproxySeenAt: true,
  haproxyBackend: true,
  pool: { select: { name: true, role: true } },
} as const;

/**
 * The service-level fault follows what clients get (lib/status/service-health.ts):
 * - nothing serves → one SEV1 SERVICE_DOWN fault naming why (every instance DOWN, or drained —
 *   by whom), the instance faults grouped under it (one page, not an alert storm);
 * - only HAProxy's backup servers serve → one SEV2 SERVICE_DEGRADED fault (not an outage:
 *   availability counts only SERVICE_DOWN);
 * - otherwise neither; each resolves when the service leaves that state. Called by the poller
 *   on every health transition and by the balancer observer when HAProxy's view of a server changes.
 */
export async function evaluateServiceFault(tx: Tx, o: { serviceId: string; at: Date; actor: string; inMaintenance: boolean }): Promise<string[]> {
  // Two instances' transitions (or the poller and the observer) decide on the same service fault
  // from different transactions: one at a time, each on what the other committed (unserialised,
  // two recoveries at once both resolved it — two RESOLVED events on one fault).
  await advisoryXactLock(tx, `service-fault:${o.serviceId}`);
  const rows = await tx.instance.findMany({ where: { pool: { serviceId: o.serviceId } }, select: instanceSelect });
  const health = serviceHealth(rows.map((i) => healthInstanceOf(i, i.pool)));
  const [down, degraded] = await Promise.all([
    tx.fault.findFirst({ where: { fingerprint: fingerprints.serviceDown(o.serviceId), ...UNRESOLVED } }),
    tx.fault.findFirst({ where: { fingerprint: fingerprints.serviceDegraded(o.serviceId), ...UNRESOLVED } }),
  ]);
  const isDown = health.state === "DOWN" && !o.inMaintenance;
  const isDegraded = health.state === "DEGRADED" && health.servingActive === 0 && !o.inMaintenance;
  const touched: string[] = [];

  if (isDown) {
    const why = health.outOfRotation.length ? await whoDrained(tx, o.serviceId, rows, o.at) : null;
    const allDrained = health.outOfRotation.length === health.candidates;
    const children = await tx.fault.findMany({
      where: { instanceId: { in: rows.map((i) => i.id) }, fingerprint: { endsWith: ":down" }, ...UNRESOLVED },
      orderBy: { startedAt: "asc" },
    });
    const fault =
      down ??
      (await openOrReuseFault(tx, {
        fingerprint: fingerprints.serviceDown(o.serviceId),
        type: "SERVICE_DOWN",
        severity: "SEV1",
        serviceId: o.serviceId,
        instanceId: null,
        // Every candidate DOWN: the outage began when the last of them went down (children are
        // oldest first); drained: when the drain that emptied it was made, if recorded.
        startedAt: allDrained ? (why?.at ?? o.at) : children.length > 0 && health.outOfRotation.length === 0 ? children[children.length - 1]!.startedAt : o.at,
        detectedAt: o.at,
        cause: why ? `${health.reason} — ${why.text}` : health.reason!,
        source: "POLLER",
        actor: o.actor,
      }));
    await group(tx, fault, children, o);
    touched.push(fault.id);
  } else if (down) {
    await resolveFault(tx, down.id, o.at, `Serving again at ${o.at.toISOString()}: ${health.reason ?? "the active pool serves"}`, o.actor);
    touched.push(down.id);
  }

  if (isDegraded) {
    const fault = await openOrReuseFault(tx, {
      fingerprint: fingerprints.serviceDegraded(o.serviceId),
      type: "SERVICE_DEGRADED",
      severity: "SEV2",
      serviceId: o.serviceId,
      instanceId: null,
      startedAt: o.at,
      detectedAt: o.at,
      cause: health.reason!,
      source: "POLLER",
      actor: o.actor,
    });
    touched.push(fault.id);
  } else if (degraded) {
    const why = isDown ? "Nothing serves any more: see the SERVICE_DOWN fault" : `The active pool serves again at ${o.at.toISOString()}`;
    await resolveFault(tx, degraded.id, o.at, why, o.actor);
    touched.push(degraded.id);
  }
  return touched;
}

async function group(tx: Tx, fault: { id: string; number: number }, children: Array<{ id: string; parentId: string | null }>, o: { at: Date; actor: string }) {
  const ungrouped = children.filter((c) => c.parentId !== fault.id);
  if (ungrouped.length === 0) return;
  await tx.fault.updateMany({ where: { id: { in: ungrouped.map((c) => c.id) } }, data: { parentId: fault.id } });
  await tx.faultEvent.createMany({
    data: ungrouped.map((c) => ({
      faultId: c.id,
      at: o.at,
      kind: "GROUPED" as const,
      actor: o.actor,
      message: `Grouped under the service fault F-${fault.number}`,
    })),
  });
}

/**
 * Who took the service's instances out of rotation: a failover of the service still running or
 * finished in the last 10 minutes, else the newest audited admin-state change of its instances.
 */
async function whoDrained(tx: Tx, serviceId: string, rows: Array<{ id: string }>, at: Date): Promise<{ text: string; at: Date } | null> {
  const failover = await tx.failover.findFirst({
    where: { serviceId, OR: [{ finishedAt: null }, { finishedAt: { gte: new Date(at.getTime() - 10 * 60_000) } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, state: true, actor: true, startedAt: true, createdAt: true },
  });
  if (failover) {
    return {
      text: `drained by ${failover.kind.toLowerCase()} ${failover.id} (${failover.state}, started by ${failover.actor})`,
      at: failover.startedAt ?? failover.createdAt,
    };
  }
  const entry = await tx.auditEntry.findFirst({
    where: { target: { in: rows.map((i) => targetKey({ kind: "instance", id: i.id })) }, action: { startsWith: "instance." }, result: "OK" },
    orderBy: { at: "desc" },
    select: { actor: true, action: true, reason: true, targetName: true, at: true },
  });
  if (!entry) return null;
  return {
    text: `last change: ${entry.action} of ${entry.targetName ?? "an instance"} by ${entry.actor}${entry.reason ? ` ("${entry.reason}")` : ""}`,
    at: entry.at,
  };
}
