import { currentTrafficBucket, TRAFFIC_BUCKET_SEC } from "@/lib/balancer/traffic-rollup";
import { haproxySends } from "@/lib/status/service-health";
import { roundRate } from "./get-service-traffic";
import { managingFile } from "./managed-by-file";
import { notFound } from "@/lib/errors/app-error";
import { recentFailovers } from "@/lib/failover/failover-view";
import { activeMaintenance } from "@/lib/maintenance/active-maintenance";
import type { InstanceTraffic, ServiceDetailView } from "@/lib/services/views";
import type { Db } from "@/lib/db/client";
import { openFaultsOf, serviceTreeInclude, toServiceView } from "./service-view";
import { UNRESOLVED } from "@/lib/faults/unresolved";

const SPARK_MINUTES = 30;

/** One service with what its page shows live: traffic now, latency sparklines, failovers. */
export async function getServiceDetail(db: Db, id: string): Promise<ServiceDetailView> {
  const s = await db.service.findUnique({ where: { id }, include: serviceTreeInclude });
  if (!s) throw notFound("service");
  const now = new Date();
  const instanceIds = s.pools.flatMap((p) => p.instances.map((i) => i.id));
  const [faults, maintenance, failovers, traffic, latency, managedBy] = await Promise.all([
    db.fault.findMany({
      where: { serviceId: id, ...UNRESOLVED },
      select: { id: true, number: true, type: true, cause: true, serviceId: true, instanceId: true },
      orderBy: { number: "desc" },
    }),
    activeMaintenance(db, now),
    recentFailovers(db, id),
    latestTraffic(
      db,
      s.pools.flatMap((p) => p.instances),
      now,
    ),
    latencySparklines(db, instanceIds, now),
    managingFile(db, s.name),
  ]);
  return { ...toServiceView(s, openFaultsOf(faults), maintenance), traffic, latency, failovers, managedBy };
}

/**
 * Traffic now: the newest closed, stored bucket per instance, and 0 for a server HAProxy does not
 * send to any more (DOWN, drained, in maintenance) — the figures show what HAProxy does now.
 */
async function latestTraffic(db: Db, instances: Array<{ id: string; haproxyStatus: string | null }>, now: Date): Promise<InstanceTraffic[]> {
  const rows = await db.trafficRollup.findMany({
    where: { instanceId: { in: instances.map((i) => i.id) }, at: new Date(currentTrafficBucket(now.getTime())) },
  });
  const byInstance = new Map(rows.map((r) => [r.instanceId, r]));
  return instances.map((i) => {
    const r = byInstance.get(i.id);
    if (!r || (i.haproxyStatus !== null && !haproxySends(i.haproxyStatus))) return { instanceId: i.id, reqPerSec: 0, errors5xxPerSec: 0, sessions: 0 };
    return {
      instanceId: i.id,
      reqPerSec: roundRate(r.requests / TRAFFIC_BUCKET_SEC),
      errors5xxPerSec: roundRate(r.errors5xx / TRAFFIC_BUCKET_SEC),
      sessions: r.sessionsMax,
    };
  });
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
