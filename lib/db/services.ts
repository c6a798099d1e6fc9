import { z } from "zod";
import { activeMaintenance, type MaintenanceSets } from "@/lib/faults/maintenance";
import { faultKey } from "@/lib/faults/fingerprint";
import type { InstanceView, ListPage, PoolView, ServiceView } from "@/lib/fleet/views";
import { instanceStatus, poolStatus, serviceStatus } from "@/lib/status/status";
import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

export const ServiceListQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;

export const serviceTreeInclude = {
  pools: {
    orderBy: [{ role: "asc" as const }, { priority: "asc" as const }, { name: "asc" as const }],
    include: { instances: { orderBy: { name: "asc" as const } } },
  },
};

/**
 * Services → pools → instances, ordered by service name, with derived states, open faults and
 * maintenance. Three queries whatever the page size: the tree, the unresolved faults of the
 * page's services, the active maintenance windows.
 */
export async function listServiceTree(db: Db, q: ServiceListQuery): Promise<ListPage<ServiceView>> {
  const after = q.cursor ? decodeCursor(q.cursor, "cursor") : undefined;
  const rows = await db.service.findMany({
    where: after ? { name: { gt: after } } : undefined,
    orderBy: { name: "asc" },
    take: q.limit + 1,
    include: serviceTreeInclude,
  });
  const page = rows.slice(0, q.limit);
  const now = new Date();
  const [faults, maintenance] = await Promise.all([
    db.fault.findMany({
      where: { serviceId: { in: page.map((s) => s.id) }, status: { not: "RESOLVED" } },
      select: { id: true, number: true, type: true, cause: true, serviceId: true, instanceId: true },
      orderBy: { number: "desc" },
    }),
    activeMaintenance(db, now),
  ]);
  const open = openFaultsOf(faults);
  return {
    items: page.map((s) => toServiceView(s, open, maintenance)),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.name) : null,
  };
}

type OpenFaultRow = { id: string; number: number; type: string; cause: string; serviceId: string; instanceId: string | null };

interface OpenFaults {
  perService: Map<string, number>;
  /** The newest unresolved fault per instance (rows come newest first). */
  perInstance: Map<string, InstanceView["openFault"]>;
}

export function openFaultsOf(rows: OpenFaultRow[]): OpenFaults {
  const perService = new Map<string, number>();
  const perInstance = new Map<string, InstanceView["openFault"]>();
  for (const f of rows) {
    perService.set(f.serviceId, (perService.get(f.serviceId) ?? 0) + 1);
    if (f.instanceId && !perInstance.has(f.instanceId)) perInstance.set(f.instanceId, { id: f.id, key: faultKey(f.number), type: f.type, cause: f.cause });
  }
  return { perService, perInstance };
}

type ServiceRow = Awaited<ReturnType<Db["service"]["findMany"]>>[number] & {
  pools: (Awaited<ReturnType<Db["pool"]["findMany"]>>[number] & {
    instances: Awaited<ReturnType<Db["instance"]["findMany"]>>;
  })[];
};

export function toServiceView(s: ServiceRow, faults: OpenFaults, maintenance: MaintenanceSets): ServiceView {
  const serviceInMaintenance = maintenance.services.has(s.id);
  const pools: PoolView[] = s.pools.map((p) => {
    const instances: InstanceView[] = p.instances.map((i) => ({
      id: i.id,
      name: i.name,
      address: i.address,
      role: p.role,
      state: instanceStatus(i.desiredAdminState, i.observedHealth),
      health: i.observedHealth,
      adminState: i.desiredAdminState,
      weight: i.desiredWeight,
      enabled: i.enabled,
      check: {
        kind: i.checkKind,
        target: i.checkKind === "HTTP" ? `${i.checkMethod} http://${i.address}${i.checkPath}` : `tcp://${i.address}`,
        intervalMs: i.checkIntervalMs,
        rise: i.checkRise,
        fall: i.checkFall,
      },
      haproxy: i.haproxyBackend && i.haproxyServer ? { backend: i.haproxyBackend, server: i.haproxyServer } : null,
      lastCheckAt: i.lastCheckAt?.toISOString() ?? null,
      openFault: faults.perInstance.get(i.id) ?? null,
      inMaintenance: serviceInMaintenance || maintenance.instances.has(i.id),
      desired: { weight: i.desiredWeight, adminState: i.desiredAdminState },
      actual: i.haproxySeenAt
        ? { weight: i.observedWeight, adminState: i.observedAdminState, status: i.haproxyStatus, check: i.haproxyCheck, seenAt: i.haproxySeenAt.toISOString() }
        : null,
      drift: i.drift ? { detail: i.driftDetail ?? "differs from HAProxy", since: (i.driftSince ?? i.updatedAt).toISOString() } : null,
      autoDrainedAt: i.autoDrainedAt?.toISOString() ?? null,
    }));
    return { id: p.id, name: p.name, role: p.role, priority: p.priority, state: poolStatus(instances.map((i) => i.state)), instances };
  });
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    owner: s.owner,
    tags: s.tags,
    sloTargetPct: s.sloTargetPct,
    state: serviceStatus(pools.filter((p) => p.role === "ACTIVE").map((p) => p.state)),
    inMaintenance: serviceInMaintenance,
    openFaults: faults.perService.get(s.id) ?? 0,
    pools,
    driftCount: pools.reduce((n, p) => n + p.instances.filter((i) => i.drift).length, 0),
    policy: {
      autoFailover: s.autoFailover,
      autoFailoverAfterSec: s.autoFailoverAfterSec,
      failoverCooldownSec: s.failoverCooldownSec,
      autoDrain: s.autoDrain,
      maxAutoDrainPct: s.maxAutoDrainPct,
    },
  };
}

/** Counts for the status endpoint. */
export async function fleetCounts(db: Db): Promise<{ services: number; instances: number }> {
  const [services, instances] = await Promise.all([db.service.count(), db.instance.count()]);
  return { services, instances };
}
