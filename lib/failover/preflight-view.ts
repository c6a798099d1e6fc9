import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { assessFailover } from "./assess";
import type { PreflightView } from "./views";

export const PreflightQuery = z.object({ toPoolId: z.uuid({ error: "must be a pool id (uuid)" }).optional() });

/** What the failover dialog shows before the operator confirms: verdict, reasons, plan. */
export async function preflightView(db: Db, serviceId: string, q: z.infer<typeof PreflightQuery>): Promise<PreflightView> {
  const { sp, to, reasons: refusals, steps } = await assessFailover(db, serviceId, { kind: "FAILOVER", toPoolId: q.toPoolId });
  const reasons = [...(sp.balancerError ? [sp.balancerError.message] : []), ...refusals];
  const running = await db.failover.findFirst({ where: { serviceId, state: { in: ["PENDING", "APPLYING"] } }, select: { id: true } });
  const healthy = to.instances.filter((i) => i.health === "UP" || i.health === "DEGRADED");
  return {
    ok: reasons.length === 0,
    reasons,
    fromPool: { id: sp.from.id, name: sp.from.name },
    toPool: { id: to.id, name: to.name, healthy: healthy.length, total: to.instances.length, weight: healthy.reduce((s, i) => s + i.weight, 0) },
    steps: steps.map((s) =>
      s.kind === "VERIFY"
        ? { kind: s.kind, name: s.name, instance: null }
        : { kind: s.kind, name: s.name, instance: s.instance, adminState: s.to.adminState, weight: s.to.weight },
    ),
    running: running?.id ?? null,
  };
}
