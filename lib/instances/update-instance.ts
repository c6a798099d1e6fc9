import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { applyDesired, instanceBalancerSelect, linked } from "@/lib/balancer/apply-desired";
import { lockInstanceBalancer } from "@/lib/balancer/balancer-lock";
import { MAX_WEIGHT } from "@/lib/balancer/haproxy/commands";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";

export const InstancePatch = z
  .strictObject({
    weight: z.number({ error: "weight must be a number 0–256" }).int("weight must be a whole number").min(0, "weight must be 0–256").max(MAX_WEIGHT, "weight must be 0–256").optional(),
    adminState: z.enum(["READY", "DRAIN", "MAINT"], { error: "adminState must be READY, DRAIN or MAINT" }).optional(),
    reason: z.string({ error: "reason is required" }).trim().min(1, "reason is required").max(500),
  })
  .refine((p) => p.weight !== undefined || p.adminState !== undefined, { message: "give weight and/or adminState", path: ["weight"] });
export type InstancePatch = z.infer<typeof InstancePatch>;

/** Budget for one instance change: a few Runtime API round trips, each under its own timeout. */
const TX_TIMEOUT_MS = 15_000;

/**
 * Change an instance's desired weight and/or admin state and apply it to HAProxy in the same
 * transaction: if HAProxy refuses or cannot be reached, nothing is stored and the attempt is
 * audited as FAILED with HAProxy's words. Repeating the same change is a no-op that still
 * succeeds (a double click is harmless). `actor` on the fault timeline is the audit actor.
 */
export async function updateInstance(
  ctx: AuditContext,
  id: string,
  patch: InstancePatch,
  action: "instance.update" | "instance.auto_drain" | "instance.auto_undrain" = "instance.update",
) {
  const found = await db().instance.findUnique({ where: { id }, select: { name: true } });
  if (!found) throw notFound("instance");
  return audited(
    ctx,
    { action, target: `instance:${found.name}`, reason: patch.reason },
    async (tx) => {
      await lockInstanceBalancer(tx, id);
      const cur = await tx.instance.findUniqueOrThrow({ where: { id }, select: instanceBalancerSelect });
      const before = { weight: cur.desiredWeight, adminState: cur.desiredAdminState };
      const after = { weight: patch.weight ?? before.weight, adminState: patch.adminState ?? before.adminState };
      await tx.instance.update({
        where: { id },
        // Only the policy's own drain is undone by the policy; an operator's decision replaces it.
        data: { desiredWeight: after.weight, desiredAdminState: after.adminState, autoDrainedAt: action === "instance.auto_drain" ? new Date() : null },
      });
      const link = linked(cur);
      const actual = link ? await applyDesired(tx, link, after) : null;
      if (before.weight !== after.weight || before.adminState !== after.adminState) {
        await noteOnOpenFaults(tx, { instanceId: id }, {
          kind: action === "instance.update" ? "BALANCER" : "POLICY",
          actor: ctx.actor.name,
          message: `${cur.name}: ${describeChange(before, after)} — ${patch.reason}`,
        });
      }
      const value = {
        id,
        name: cur.name,
        desired: after,
        actual: actual ? { weight: actual.weight, adminState: actual.adminState, status: actual.status } : null,
        linked: link !== null,
      };
      return { value, before, after: { ...after, haproxy: value.actual } };
    },
    { timeoutMs: TX_TIMEOUT_MS },
  );
}

export function describeChange(before: { weight: number; adminState: string }, after: { weight: number; adminState: string }): string {
  const parts: string[] = [];
  if (before.adminState !== after.adminState) parts.push(`${before.adminState} → ${after.adminState}`);
  if (before.weight !== after.weight) parts.push(`weight ${before.weight} → ${after.weight}`);
  return parts.join(", ") || "no change";
}
