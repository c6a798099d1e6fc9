import { z } from "zod";
import type { InstanceView, ListPage, PoolView, ServiceView } from "@/lib/fleet/views";
import { instanceStatus, poolStatus, serviceStatus } from "@/lib/status/status";
import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

export const ServiceListQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;

const include = {
  pools: {
    orderBy: [{ role: "asc" as const }, { priority: "asc" as const }, { name: "asc" as const }],
    include: { instances: { orderBy: { name: "asc" as const } } },
  },
};

/** Services → pools → instances, ordered by service name, with derived states. */
export async function listServiceTree(db: Db, q: ServiceListQuery): Promise<ListPage<ServiceView>> {
  const after = q.cursor ? decodeCursor(q.cursor, "cursor") : undefined;
  const rows = await db.service.findMany({
    where: after ? { name: { gt: after } } : undefined,
    orderBy: { name: "asc" },
    take: q.limit + 1,
    include,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(toServiceView),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.name) : null,
  };
}

type ServiceRow = Awaited<ReturnType<Db["service"]["findMany"]>>[number] & {
  pools: (Awaited<ReturnType<Db["pool"]["findMany"]>>[number] & {
    instances: Awaited<ReturnType<Db["instance"]["findMany"]>>;
  })[];
};

function toServiceView(s: ServiceRow): ServiceView {
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
    pools,
  };
}

/** Counts for the status endpoint. */
export async function fleetCounts(db: Db): Promise<{ services: number; instances: number }> {
  const [services, instances] = await Promise.all([db.service.count(), db.instance.count()]);
  return { services, instances };
}
