import { RequiredReason } from "@/lib/audit/reason";
import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { ensureNotManaged } from "./managed-by-file";
import type { ServicePolicy } from "@/lib/services/views";

/** A new service's policy (schema.prisma's defaults): nothing automatic. */
export const DEFAULT_POLICY: ServicePolicy = { autoFailover: false, autoFailoverAfterSec: 30, failoverCooldownSec: 300, autoDrain: false, maxAutoDrainPct: 34 };

export const PolicyPatch = z.strictObject({
  autoFailover: z.boolean({ error: "must be true or false" }).optional(),
  autoFailoverAfterSec: z.number({ error: "must be a number" }).int().min(5, "must be 5–3600").max(3600, "must be 5–3600").optional(),
  failoverCooldownSec: z.number({ error: "must be a number" }).int().min(0, "must be 0–86400").max(86_400, "must be 0–86400").optional(),
  autoDrain: z.boolean({ error: "must be true or false" }).optional(),
  maxAutoDrainPct: z.number({ error: "must be a number" }).int().min(1, "must be 1–100").max(100, "must be 1–100").optional(),
  reason: RequiredReason,
});
export type PolicyPatch = z.infer<typeof PolicyPatch>;

export const policyOf = (s: ServicePolicy): ServicePolicy => ({
  autoFailover: s.autoFailover,
  autoFailoverAfterSec: s.autoFailoverAfterSec,
  failoverCooldownSec: s.failoverCooldownSec,
  autoDrain: s.autoDrain,
  maxAutoDrainPct: s.maxAutoDrainPct,
});

/** Change a service's automatic drain/failover policy (audited with before and after). */
export async function updatePolicy(db: Db, ctx: AuditContext, id: string, patch: PolicyPatch): Promise<ServicePolicy> {
  const found = await db.service.findUnique({ where: { id }, select: { name: true } });
  if (!found) throw notFound("service");
  await ensureNotManaged(db, found.name);
  const { reason, ...changes } = patch;
  return audited(db, ctx, { action: "service.policy", target: { kind: "service", id, name: found.name }, reason }, async (tx) => {
    const before = policyOf(await tx.service.findUniqueOrThrow({ where: { id } }));
    const after = policyOf(await tx.service.update({ where: { id }, data: changes }));
    return { value: after, before, after };
  });
}
