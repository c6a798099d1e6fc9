import { setFields, type CheckFields } from "@/lib/checks/check-inherit";
import { checkOf } from "@/lib/checks/check-columns";
import { faultKey } from "@/lib/faults/fingerprint";
import type { Db } from "@/lib/db/client";
import type { MaintenanceSets } from "@/lib/maintenance/active-maintenance";
import type { InstanceView, PoolView, ServiceView } from "@/lib/services/views";
import { healthInstanceOf, serviceHealth } from "@/lib/status/service-health";
import { instanceStatus, poolStatus } from "@/lib/status/status";

/** Pools by role and priority, instances by name: the order every service view shows. */
export const serviceTreeInclude = {
  pools: {
    orderBy: [{ role: "asc" as const }, { priority: "asc" as const }, { name: "asc" as const }],
    // Archived instances are out of the fleet (their faults and reports keep them).
    include: { instances: { where: { archivedAt: null }, orderBy: { name: "asc" as const } } },
  },
};

type OpenFaultRow = { id: string; number: number; type: string; cause: string; serviceId: string; instanceId: string | null };

export interface OpenFaults {
  perService: Map<string, number>;
  /** The newest unresolved fault per instance (rows come newest first). */
  perInstance: Map<string, InstanceView["openFault"]>;
}

/** Group unresolved fault rows (newest first) by service and by instance. */
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

/** The API view of one service row with its pools and instances, derived states included. */
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
      checkConfig: checkOf(i),
      checkOverrides: i.checkOverrides,
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
  const health = serviceHealth(s.pools.flatMap((p) => p.instances.map((i) => healthInstanceOf(i, p))));
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    owner: s.owner,
    tags: s.tags,
    sloTargetPct: s.sloTargetPct,
    checkDefaults: s.checkDefaults ? setFields(s.checkDefaults as CheckFields) : null,
    state: health.state,
    stateReason: health.reason,
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
