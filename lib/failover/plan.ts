import type { AdminState, Health } from "@/lib/status/vocabulary";

export interface PlanInstance {
  id: string;
  name: string;
  weight: number;
  adminState: AdminState;
  health: Health;
  /** Linked to a HAProxy server Faultline can drive. */
  linked: boolean;
  /** A HAProxy `backup` server (serves only when no non-backup server can), when known. */
  backup?: boolean;
}

export interface PlanPool {
  id: string;
  name: string;
  instances: PlanInstance[];
}

/** One change the failover makes, with what to restore on rollback. */
export type PlanStep =
  | {
      kind: "READY" | "DRAIN";
      name: string;
      instanceId: string;
      instance: string;
      to: { weight: number; adminState: AdminState };
      before: { weight: number; adminState: AdminState };
    }
  | { kind: "VERIFY"; name: string; instanceId: null; instance: null };

/** A standby instance coming in with weight 0 would take no traffic: it gets this instead. */
export const DEFAULT_WEIGHT = 100;

/** The target must offer at least this share of the source pool's serving weight. */
export const MIN_TARGET_WEIGHT_PCT = 50;

const healthy = (i: PlanInstance) => i.health === "UP" || i.health === "DEGRADED";
const targetWeight = (i: PlanInstance) => (i.weight > 0 ? i.weight : DEFAULT_WEIGHT);

/**
 * Why a failover from `from` to `to` must not go ahead (empty: it may). The target needs at
 * least one healthy instance and enough weight to take the source's load; every instance
 * involved must be linked to a balancer. `force` (with a reason) overrides the health checks only.
 */
export function preflight(from: PlanPool, to: PlanPool): string[] {
  const reasons: string[] = [];
  if (from.id === to.id) return [`${to.name} is already the active pool`];
  if (to.instances.length === 0) return [`${to.name} has no instances`];
  const up = to.instances.filter(healthy);
  if (up.length === 0) reasons.push(`${to.name} has no healthy instance (0 of ${to.instances.length} up)`);
  const have = up.filter((i) => i.adminState !== "MAINT").reduce((s, i) => s + targetWeight(i), 0);
  const sourceWeight = from.instances.filter((i) => i.adminState === "READY").reduce((s, i) => s + i.weight, 0);
  const need = Math.ceil((sourceWeight * MIN_TARGET_WEIGHT_PCT) / 100);
  if (up.length > 0 && have < need) {
    reasons.push(`${to.name}'s healthy weight ${have} is below ${MIN_TARGET_WEIGHT_PCT} % of ${from.name}'s serving weight ${sourceWeight} (needs ${need})`);
  }
  const unlinked = [...from.instances, ...to.instances].filter((i) => !i.linked).map((i) => i.name);
  if (unlinked.length) reasons.push(`not linked to a balancer: ${unlinked.join(", ")}`);
  return reasons;
}

/**
 * Reasons `force` cannot override: without a balancer link, or with HAProxy not answering, there
 * is nothing to drive.
 */
export const isForceable = (reasons: string[]) =>
  !reasons.some((r) => r.startsWith("not linked") || r.startsWith("HAProxy ") || r.includes("already the active") || r.includes("has no instances"));

/**
 * The steps, in an order that drops no request: every target instance (not in maintenance) to
 * READY with its weight, then every serving source instance to DRAIN (in-flight requests
 * finish), then verify on HAProxy. Source instances in MAINT stay as they are; with `onlyReady`
 * (moving back to where the last failover came from) only those target instances are readied,
 * so an instance an operator had drained before stays drained. Drained sources
 * that are HAProxy `backup` servers are then re-armed (READY): a backup serves only when no
 * active server can, so this takes no traffic back and keeps HAProxy's own fallback working.
 */
export function planFailover(from: PlanPool, to: PlanPool, o: { onlyReady?: Set<string> } = {}): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const i of to.instances) {
    if (i.adminState === "MAINT" || (o.onlyReady && !o.onlyReady.has(i.id))) continue;
    const target = { weight: targetWeight(i), adminState: "READY" as const };
    steps.push({
      kind: "READY",
      name: `Ready ${i.name} at weight ${target.weight}`,
      instanceId: i.id,
      instance: i.name,
      to: target,
      before: { weight: i.weight, adminState: i.adminState },
    });
  }
  for (const i of from.instances) {
    if (i.adminState !== "READY") continue;
    steps.push({
      kind: "DRAIN",
      name: `Drain ${i.name}`,
      instanceId: i.id,
      instance: i.name,
      to: { weight: i.weight, adminState: "DRAIN" },
      before: { weight: i.weight, adminState: i.adminState },
    });
  }
  steps.push({ kind: "VERIFY", name: `Verify on HAProxy: ${to.name} serving, ${from.name} drained`, instanceId: null, instance: null });
  for (const i of from.instances) {
    if (i.adminState !== "READY" || !i.backup) continue;
    steps.push({
      kind: "READY",
      name: `Re-arm ${i.name} as a HAProxy backup`,
      instanceId: i.id,
      instance: i.name,
      to: { weight: i.weight, adminState: "READY" },
      before: { weight: i.weight, adminState: "DRAIN" },
    });
  }
  return steps;
}

/** What to undo, newest first: the applied READY/DRAIN steps restored to their `before`. */
export function rollbackOf(applied: PlanStep[]): Array<Extract<PlanStep, { kind: "READY" | "DRAIN" }>> {
  return applied.filter((s): s is Extract<PlanStep, { kind: "READY" | "DRAIN" }> => s.kind !== "VERIFY").reverse();
}
