import type { Db } from "@/lib/db/client";

export interface MaintenanceSets {
  services: Set<string>;
  instances: Set<string>;
}

/** Services and instances inside a maintenance window at `now` (not cancelled). */
export async function activeMaintenance(db: Db, now: Date): Promise<MaintenanceSets> {
  const rows = await db.maintenanceWindow.findMany({
    where: { startsAt: { lte: now }, endsAt: { gt: now }, cancelledAt: null },
    select: { serviceId: true, instanceId: true },
  });
  return {
    services: new Set(rows.flatMap((r) => (r.serviceId ? [r.serviceId] : []))),
    instances: new Set(rows.flatMap((r) => (r.instanceId ? [r.instanceId] : []))),
  };
}
