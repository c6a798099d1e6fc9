import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { decodeCursor, encodeCursor, type ListPage } from "@/lib/db/cursor";
import { activeMaintenance } from "@/lib/maintenance/active-maintenance";
import type { ServiceView } from "@/lib/services/views";
import { openFaultsOf, serviceTreeInclude, toServiceView } from "./service-view";
import { UNRESOLVED } from "@/lib/faults/unresolved";

export const ServiceListQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;

/**
 * Services → pools → instances, ordered by service name, with derived states, open faults and
 * maintenance. Three queries whatever the page size: the tree, the unresolved faults of the
 * page's services, the active maintenance windows.
 */
export async function listServiceTree(db: Db, q: ServiceListQuery): Promise<ListPage<ServiceView>> {
  const after = q.cursor ? decodeCursor(q.cursor, "cursor") : undefined;
  const rows = await db.service.findMany({
    where: { archivedAt: null, ...(after ? { name: { gt: after } } : {}) },
    orderBy: { name: "asc" },
    take: q.limit + 1,
    include: serviceTreeInclude,
  });
  const page = rows.slice(0, q.limit);
  const now = new Date();
  const [faults, maintenance] = await Promise.all([
    db.fault.findMany({
      where: { serviceId: { in: page.map((s) => s.id) }, ...UNRESOLVED },
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

/** Counts for the status endpoint. */
export async function fleetCounts(db: Db): Promise<{ services: number; instances: number }> {
  const [services, instances] = await Promise.all([db.service.count({ where: { archivedAt: null } }), db.instance.count({ where: { archivedAt: null } })]);
  return { services, instances };
}
