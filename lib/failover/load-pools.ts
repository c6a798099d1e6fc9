import type { Tx } from "@/lib/audit/audited";
import { clientFor } from "@/lib/balancer/client-for";
import { readServers } from "@/lib/balancer/read-servers";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { PlanPool } from "./plan";
import type { PoolRole } from "@/lib/status/vocabulary";

export interface ServicePools {
  service: { id: string; name: string };
  /** The ACTIVE pool traffic moves away from (lowest priority number first). */
  from: PlanPool;
  pools: Array<PlanPool & { role: PoolRole; priority: number }>;
  /** The balancer could not be read (unreachable, timeout, error): HAProxy's words. */
  balancerError: AppError | null;
}

/** A service's pools with their instances in the shape the planner takes. */
export async function loadServicePools(db: Db | Tx, serviceId: string): Promise<ServicePools> {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: {
      id: true,
      name: true,
      pools: {
        orderBy: [{ role: "asc" }, { priority: "asc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          role: true,
          priority: true,
          instances: {
            where: { enabled: true },
            orderBy: { name: "asc" },
            select: {
              id: true,
              name: true,
              desiredWeight: true,
              desiredAdminState: true,
              observedHealth: true,
              balancerId: true,
              haproxyBackend: true,
              haproxyServer: true,
              balancer: { select: { runtimeApi: true } },
            },
          },
        },
      },
    },
  });
  if (!service) throw notFound("service");
  const { backups, error } = await backupServers(service.pools.flatMap((p) => p.instances));
  const pools = service.pools.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    priority: p.priority,
    instances: p.instances.map((i) => ({
      id: i.id,
      name: i.name,
      weight: i.desiredWeight,
      adminState: i.desiredAdminState,
      health: i.observedHealth,
      linked: Boolean(i.balancerId && i.haproxyBackend && i.haproxyServer),
      backup: backups.has(`${i.haproxyBackend}/${i.haproxyServer}`),
    })),
  }));
  const from = pools.find((p) => p.role === "ACTIVE");
  if (!from) throw new AppError("CONFLICT", `${service.name} has no ACTIVE pool to move traffic from`);
  return { service: { id: service.id, name: service.name }, from, pools, balancerError: error };
}

/**
 * Which linked servers HAProxy runs as `backup` (one `show stat` of their balancer) — which also
 * tells whether the balancer answers at all, before a failover is started.
 */
async function backupServers(
  instances: Array<{ haproxyBackend: string | null; haproxyServer: string | null; balancer: { runtimeApi: string } | null }>,
): Promise<{ backups: Set<string>; error: AppError | null }> {
  const balancer = instances.find((i) => i.balancer)?.balancer;
  if (!balancer) return { backups: new Set(), error: null };
  try {
    return { backups: new Set((await readServers(clientFor(balancer))).filter((s) => s.backup).map((s) => `${s.backend}/${s.server}`)), error: null };
  } catch (err) {
    return {
      backups: new Set(),
      error: err instanceof AppError ? err : new AppError("BAD_GATEWAY", `HAProxy ${balancer.runtimeApi}: ${(err as Error).message}`),
    };
  }
}

/** The pool to move to: the one asked for (validated: 404 unknown, 400 another service's), or the preferred STANDBY pool. */
export async function targetPool(db: Db | Tx, sp: ServicePools, toPoolId: string | undefined): Promise<ServicePools["pools"][number]> {
  const knownElsewhere = toPoolId && !sp.pools.some((p) => p.id === toPoolId) ? (await db.pool.count({ where: { id: toPoolId } })) > 0 : false;
  if (toPoolId) {
    const pool = sp.pools.find((p) => p.id === toPoolId);
    if (!pool) {
      if (knownElsewhere) throw new AppError("VALIDATION", `toPoolId: pool ${toPoolId} belongs to another service, not ${sp.service.name}`, "toPoolId");
      throw new AppError("NOT_FOUND", `toPoolId: pool ${toPoolId} not found`, "toPoolId");
    }
    if (pool.role === "ACTIVE") throw new AppError("CONFLICT", `${pool.name} is already an ACTIVE pool of ${sp.service.name}`, "toPoolId");
    return pool;
  }
  const standby = sp.pools.find((p) => p.role === "STANDBY");
  if (!standby) throw new AppError("CONFLICT", `${sp.service.name} has no STANDBY pool to fail over to`, "toPoolId");
  return standby;
}
