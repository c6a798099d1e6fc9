import { TRAFFIC_BUCKET_SEC } from "@/lib/balancer/traffic-rollup";
import { roundRate } from "./get-service-traffic";
import { notFound } from "@/lib/errors/app-error";
import { recentFailovers } from "@/lib/failover/failover-view";
import { activeMaintenance } from "@/lib/maintenance/active-maintenance";
import type { InstanceTraffic, ServiceDetailView } from "@/lib/services/views";
import type { Db } from "@/lib/db/client";
import { openFaultsOf, serviceTreeInclude, toServiceView } from "./service-view";

const SPARK_MINUTES = 30;

/** One service with what its page shows live: traffic now, latency sparklines, failovers. */
export async function getServiceDetail(db: Db, id: string): Promise<ServiceDetailView> {
  const s = await db.service.findUnique({ where: { id }, include: serviceTreeInclude });
  if (!s) throw notFound("service");
  const now = new Date();
  const instanceIds = s.pools.flatMap((p) => p.instances.map((i) => i.id));
  const [faults, maintenance, failovers, traffic, latency] = await Promise.all([
    db.fault.findMany({
      where: { serviceId: id, status: { not: "RESOLVED" } },
      select: { id: true, number: true, type: true, cause: true, serviceId: true, instanceId: true },
      orderBy: { number: "desc" },
    }),
    activeMaintenance(db, now),
    recentFailovers(db, id),
    latestTraffic(db, instanceIds, now),
    latencySparklines(db, instanceIds, now),
  ]);
  return { ...toServiceView(s, openFaultsOf(faults), maintenance), traffic, latency, failovers };
}

/** The newest complete bucket per instance (the current one is still filling). */
async function latestTraffic(db: Db, instanceIds: string[], now: Date): Promise<InstanceTraffic[]> {
  const since = new Date(now.getTime() - 3 * TRAFFIC_BUCKET_SEC * 1000);
  const current = new Date(Math.floor(now.getTime() / (TRAFFIC_BUCKET_SEC * 1000)) * TRAFFIC_BUCKET_SEC * 1000);
  const rows = await db.trafficRollup.findMany({
    where: { instanceId: { in: instanceIds }, at: { gte: since, lt: current } },
    orderBy: { at: "desc" },
  });
  const seen = new Map<string, InstanceTraffic>();
  for (const r of rows) {
    if (seen.has(r.instanceId)) continue;
    seen.set(r.instanceId, {
      instanceId: r.instanceId,
      reqPerSec: roundRate(r.requests / TRAFFIC_BUCKET_SEC),
      errors5xxPerSec: roundRate(r.errors5xx / TRAFFIC_BUCKET_SEC),
      sessions: r.sessionsMax,
    });
  }
  return instanceIds.map((i) => seen.get(i) ?? { instanceId: i, reqPerSec: 0, errors5xxPerSec: 0, sessions: 0 });
}

async function latencySparklines(db: Db, instanceIds: string[], now: Date): Promise<Record<string, Array<number | null>>> {
  const start = Math.floor(now.getTime() / 60_000) * 60_000 - SPARK_MINUTES * 60_000;
  const rows = await db.checkRollup.findMany({
    where: { instanceId: { in: instanceIds }, minute: { gte: new Date(start) } },
    select: { instanceId: true, minute: true, p50Ms: true },
  });
  const out: Record<string, Array<number | null>> = Object.fromEntries(instanceIds.map((i) => [i, new Array<number | null>(SPARK_MINUTES).fill(null)]));
  for (const r of rows) {
    const slot = Math.floor((r.minute.getTime() - start) / 60_000);
    if (slot >= 0 && slot < SPARK_MINUTES) out[r.instanceId]![slot] = r.p50Ms;
  }
  return out;
}
