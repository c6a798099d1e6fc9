import { describeChange } from "@/lib/audit/describe-change";
import { RequiredReason } from "@/lib/audit/reason";
import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { balancerTxTimeoutMs } from "@/lib/balancer/client-for";
import { MAX_WEIGHT } from "@/lib/balancer/haproxy/commands";
import { setDesired } from "@/lib/balancer/set-desired";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";
import { runningFailoverOf } from "@/lib/failover/running-failover";

export const InstancePatch = z
  .strictObject({
    weight: z.number({ error: "must be a number 0–256" }).int("must be a whole number").min(0, "must be 0–256").max(MAX_WEIGHT, "must be 0–256").optional(),
    adminState: z.enum(["READY", "DRAIN", "MAINT"], { error: "must be READY, DRAIN or MAINT" }).optional(),
    reason: RequiredReason,
  })
  .refine((p) => p.weight !== undefined || p.adminState !== undefined, { message: "give weight and/or adminState", path: ["weight"] });
export type InstancePatch = z.infer<typeof InstancePatch>;

export type InstanceAction = "instance.update" | "instance.auto_drain" | "instance.auto_undrain";

/**
 * Change an instance's desired weight and/or admin state and apply it to HAProxy in the same
 * transaction: if HAProxy refuses or cannot be reached, nothing is stored and the attempt is
 * audited as FAILED with HAProxy's words. Repeating the same change is a no-op that still
 * succeeds (a double click is harmless). Refused (409) while a failover of the service runs: its
 * steps and rollback own the instances until it ends.
 */
export async function updateInstance(db: Db, ctx: AuditContext, id: string, patch: InstancePatch, action: InstanceAction = "instance.update") {
  const found = await db.instance.findUnique({ where: { id }, select: { name: true, pool: { select: { serviceId: true } } } });
  if (!found) throw notFound("instance");
  return audited(
    db,
    ctx,
    { action, target: { kind: "instance", id, name: found.name }, reason: patch.reason },
    async (tx) => {
      const running = await runningFailoverOf(tx, found.pool.serviceId);
      if (running) throw new AppError("CONFLICT", `a failover of this service is running (${running.id}); change ${found.name} when it has finished`);
      // Only the policy's own drain is undone by the policy; an operator's decision replaces it.
      const change = await setDesired(tx, id, patch, {
        autoDrainedAt: action === "instance.auto_drain" ? new Date() : null,
        unconfirmed: db,
      });
      const { before, after, actual } = change;
      if (before.weight !== after.weight || before.adminState !== after.adminState) {
        await noteOnOpenFaults(
          tx,
          { instanceId: id },
          {
            kind: action === "instance.update" ? "BALANCER" : "POLICY",
            actor: ctx.actor.name,
            message: `${change.name}: ${describeChange(before, after) || "no change"} — ${patch.reason}`,
            // The audit entry is the record of this change; the incident timeline shows that one.
            data: { mirrors: "audit" },
          },
        );
      }
      const value = {
        id,
        name: change.name,
        desired: after,
        actual: actual ? { weight: actual.weight, adminState: actual.adminState, status: actual.status } : null,
        linked: actual !== null,
      };
      // HAProxy was read back equal to `after` (or the change failed): no need to repeat it.
      return { value, before, after };
    },
    { timeoutMs: balancerTxTimeoutMs() },
  );
}
