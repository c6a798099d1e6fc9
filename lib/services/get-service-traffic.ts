import { z } from "zod";
import { TRAFFIC_BUCKET_SEC } from "@/lib/balancer/traffic-rollup";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ServiceTrafficView } from "@/lib/services/views";
import { serviceTreeInclude } from "./service-view";

/** Requests per second with one decimal. */
export const roundRate = (n: number) => Math.round(n * 10) / 10;

export const TrafficQuery = z.object({
  minutes: z.coerce
    .number({ error: "must be a number" })
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});

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
    slot[r.instanceId] = roundRate(r.requests / TRAFFIC_BUCKET_SEC);
    byTime.set(r.at.getTime(), slot);
  }
  const points: ServiceTrafficView["points"] = [];
  for (let t = start; t < end; t += step) {
    const slot = byTime.get(t);
    points.push({ at: new Date(t).toISOString(), ...Object.fromEntries(instances.map((i) => [i.id, slot?.[i.id] ?? 0])) });
  }
  return { bucketSec: TRAFFIC_BUCKET_SEC, instances, points };
}
