import { z } from "zod";
import { TRAFFIC_BUCKET_SEC } from "@/lib/balancer/traffic-rollup";
import { notFound } from "@/lib/errors/app-error";
import { recentFailovers } from "@/lib/failover/failover-view";
import { activeMaintenance } from "@/lib/faults/maintenance";
import type { InstanceTraffic, ServiceDetailView, ServiceTrafficView } from "@/lib/fleet/views";
import type { Db } from "./client";
import { openFaultsOf, serviceTreeInclude, toServiceView } from "./services";

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
      reqPerSec: round(r.requests / TRAFFIC_BUCKET_SEC),
      errors5xxPerSec: round(r.errors5xx / TRAFFIC_BUCKET_SEC),
      sessions: r.sessionsMax,
    });
  }
  return instanceIds.map((i) => seen.get(i) ?? { instanceId: i, reqPerSec: 0, errors5xxPerSec: 0, sessions: 0 });
}

const round = (n: number) => Math.round(n * 10) / 10;

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

export const TrafficQuery = z.object({ minutes: z.coerce.number({ error: "must be a number" }).int().min(1).max(24 * 60).default(15) });

/** Requests/s per instance of a service in 5 s buckets, oldest first (gaps filled with 0). */
export async function getServiceTraffic(db: Db, id: string, q: z.infer<typeof TrafficQuery>): Promise<ServiceTrafficView> {
  const s = await db.service.findUnique({ where: { id }, include: serviceTreeInclude });
  if (!s) throw notFound("service");
  const instances = s.pools.flatMap((p) => p.instances.map((i) => ({ id: i.id, name: i.name, pool: p.name, role: p.role })));
  const step = TRAFFIC_BUCKET_SEC * 1000;
  const end = Math.floor(Date.now() / step) * step;
  const start = end - q.minutes * 60_000;
  const rows = await db.trafficRollup.findMany({
    where: { instanceId: { in: instances.map((i) => i.id) }, at: { gte: new Date(start), lt: new Date(end) } },
    select: { instanceId: true, at: true, requests: true },
  });
  const byTime = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const slot = byTime.get(r.at.getTime()) ?? {};
    slot[r.instanceId] = round(r.requests / TRAFFIC_BUCKET_SEC);
    byTime.set(r.at.getTime(), slot);
  }
  const points: ServiceTrafficView["points"] = [];
  for (let t = start; t < end; t += step) {
    const slot = byTime.get(t);
    points.push({ at: new Date(t).toISOString(), ...Object.fromEntries(instances.map((i) => [i.id, slot?.[i.id] ?? 0])) });
  }
  return { bucketSec: TRAFFIC_BUCKET_SEC, instances, points };
}
