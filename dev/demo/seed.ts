import type { Db } from "@/lib/db/client";
import type { FleetFile } from "@/dev/fleet-sim/fleet-file";

export interface SeedBalancer {
  name: string;
  runtimeApi: string;
  serverStateFile: string;
}

export interface SeedResult {
  servicesCreated: number;
  poolsCreated: number;
  instancesCreated: number;
  instancesUpdated: number;
}

/**
 * Make Faultline's inventory match a fleet file, idempotently: missing services, pools and
 * instances are created; existing ones keep what operators changed (weights, admin state,
 * descriptions) — only the address and the balancer link follow the file. Nothing is deleted.
 */
export async function seedFleet(db: Db, fleet: FleetFile, balancer?: SeedBalancer, defaults: { checkIntervalMs?: number } = {}): Promise<SeedResult> {
  const result: SeedResult = { servicesCreated: 0, poolsCreated: 0, instancesCreated: 0, instancesUpdated: 0 };
  const balancerRow = balancer
    ? await db.balancer.upsert({
        where: { name: balancer.name },
        create: { name: balancer.name, runtimeApi: balancer.runtimeApi, serverStateFile: balancer.serverStateFile },
        update: { runtimeApi: balancer.runtimeApi, serverStateFile: balancer.serverStateFile },
      })
    : undefined;

  for (const s of fleet.services) {
    let service = await db.service.findUnique({ where: { name: s.name } });
    if (!service) {
      service = await db.service.create({
        data: { name: s.name, description: s.description ?? "", owner: s.owner ?? "", tags: s.tags ?? [], sloTargetPct: s.sloTargetPct ?? 99.9 },
      });
      result.servicesCreated++;
    }
    for (const [index, p] of s.pools.entries()) {
      let pool = await db.pool.findUnique({ where: { serviceId_name: { serviceId: service.id, name: p.name } } });
      if (!pool) {
        pool = await db.pool.create({ data: { serviceId: service.id, name: p.name, role: p.role, priority: p.priority ?? index } });
        result.poolsCreated++;
      }
      for (const i of p.instances) {
        const link = {
          address: `${i.host}:${i.port}`,
          balancerId: balancerRow?.id ?? null,
          haproxyBackend: balancerRow ? s.name : null,
          haproxyServer: balancerRow ? i.name : null,
        };
        const existing = await db.instance.findUnique({ where: { name: i.name } });
        if (!existing) {
          await db.instance.create({
            data: { poolId: pool.id, name: i.name, ...link, ...(defaults.checkIntervalMs ? { checkIntervalMs: defaults.checkIntervalMs } : {}) },
          });
          result.instancesCreated++;
        } else if (existing.address !== link.address || existing.balancerId !== link.balancerId || existing.haproxyServer !== link.haproxyServer) {
          await db.instance.update({ where: { id: existing.id }, data: link });
          result.instancesUpdated++;
        }
      }
    }
  }
  return result;
}
