import { z } from "zod";
import { IsoTime } from "@/lib/http/fields";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";

export const ChecksQuery = z.object({
  from: IsoTime,
  to: IsoTime,
});
export type ChecksQuery = z.infer<typeof ChecksQuery>;

const MAX_RANGE_MS = 7 * 86_400_000;

export interface InstanceChecks {
  instance: { id: string; name: string };
  /** Per-minute figures (the chart's series). */
  minutes: Array<{ minute: string; count: number; failures: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null }>;
  /** Raw failing checks in the range (what went wrong, exactly). */
  failures: Array<{ at: string; latencyMs: number | null; statusCode: number | null; errorClass: string | null; message: string | null }>;
}

/** Latency and failures of one instance in a time range (at most 7 days). */
export async function instanceChecks(db: Db, instanceId: string, q: ChecksQuery): Promise<InstanceChecks> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (from >= to) throw new AppError("VALIDATION", "from: must be before `to`", "from");
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw new AppError("VALIDATION", "to: the range may span at most 7 days", "to");
  const instance = await db.instance.findUnique({ where: { id: instanceId }, select: { id: true, name: true } });
  if (!instance) throw notFound("instance");
  const [minutes, failures] = await Promise.all([
    db.checkRollup.findMany({ where: { instanceId, minute: { gte: from, lte: to } }, orderBy: { minute: "asc" } }),
    db.checkResult.findMany({ where: { instanceId, at: { gte: from, lte: to }, ok: false }, orderBy: { at: "asc" }, take: 2000 }),
  ]);
  return {
    instance,
    minutes: minutes.map((m) => ({ minute: m.minute.toISOString(), count: m.count, failures: m.failures, p50Ms: m.p50Ms, p95Ms: m.p95Ms, maxMs: m.maxMs })),
    failures: failures.map((f) => ({ at: f.at.toISOString(), latencyMs: f.latencyMs, statusCode: f.statusCode, errorClass: f.errorClass, message: f.message })),
  };
}
