import { systemActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { applyFleet } from "@/lib/fleet-file/apply";
import { FLEET_FILE_VERSION, type FleetFile as InventoryFile } from "@/lib/fleet-file/schema";
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
 * The simulator's fleet as a Faultline fleet file: each service a HAProxy backend of its name,
 * each instance a server of its name (when a balancer is given), its check interval as the
 * service's check defaults.
 */
function inventoryFileOf(fleet: FleetFile, balancer?: SeedBalancer, defaults: { checkIntervalMs?: number } = {}): InventoryFile {
  return {
    version: FLEET_FILE_VERSION,
    services: fleet.services.map((s) => ({
      name: s.name,
      description: s.description ?? "",
      owner: s.owner ?? "",
      tags: s.tags ?? [],
      sloTargetPct: s.sloTargetPct ?? 99.9,
      ...(defaults.checkIntervalMs ? { checkDefaults: { intervalMs: defaults.checkIntervalMs } } : {}),
      pools: s.pools.map((p, index) => ({
        name: p.name,
        role: p.role,
        priority: p.priority ?? index,
        instances: p.instances.map((i) => ({
          name: i.name,
          address: `${i.host}:${i.port}`,
          enabled: true,
          ...(balancer ? { haproxy: { balancer: balancer.name, backend: s.name, server: i.name } } : {}),
        })),
      })),
    })),
  };
}

/**
 * Seed the demo's inventory through the fleet file's apply — the path an operator's
 * `faultline apply` takes (one transaction, audited as `config.apply` by `system`). The balancer is
 * registered first, as an admin would in Settings → Balancers. Services already there are left as
 * they are, so a second seed changes nothing.
 */
export async function seedFleet(db: Db, fleet: FleetFile, balancer?: SeedBalancer, defaults: { checkIntervalMs?: number } = {}): Promise<SeedResult> {
  if (balancer) {
    await db.balancer.upsert({
      where: { name: balancer.name },
      create: { name: balancer.name, runtimeApi: balancer.runtimeApi, serverStateFile: balancer.serverStateFile },
      update: { runtimeApi: balancer.runtimeApi, serverStateFile: balancer.serverStateFile },
    });
  }
  // Only services the database does not have yet: the file manages everything it lists, and a
  // demo restarted on its data must keep what the operator did meanwhile (policy, checks, edits).
  const file = inventoryFileOf(fleet, balancer, defaults);
  const existing = new Set(
    (await db.service.findMany({ where: { name: { in: file.services.map((s) => s.name) } }, select: { name: true } })).map((s) => s.name),
  );
  file.services = file.services.filter((s) => !existing.has(s.name));
  if (file.services.length === 0) return { servicesCreated: 0, poolsCreated: 0, instancesCreated: 0, instancesUpdated: 0 };
  const ctx = { actor: systemActor(), requestId: null, clientIp: null };
  const { changes } = await applyFleet(db, ctx, file, { prune: false, reason: "demo fleet (dev/demo/seed.ts)" });
  const count = (op: string, kind: string) => changes.filter((c) => c.op === op && c.kind === kind).length;
  return {
    servicesCreated: count("create", "service"),
    poolsCreated: count("create", "pool"),
    instancesCreated: count("create", "instance"),
    instancesUpdated: count("update", "instance"),
  };
}
