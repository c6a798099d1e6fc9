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
const DEFAULT_WEIGHT = 100;

/** The target must offer at least this share of the source pool's serving weight. */
const MIN_TARGET_WEIGHT_PCT = 50;

const healthy = (i: PlanInstance) => i.health === "UP" || i.health === "DEGRADED";
const targetWeight = (i: PlanInstance) => (i.weight > 0 ? i.weight : DEFAULT_WEIGHT);

/**
 * Why a pre-flight refuses, as codes the server and the dialog branch on (the message is for people).
 * Health and weight can be forced; the rest cannot: without a balancer link, with HAProxy not
 * answering, with an empty target or the active pool itself there is nothing to drive.
 */
const PREFLIGHT_CODES = {
  /** The target is the pool traffic already goes to. */
  ALREADY_ACTIVE: { forceable: false },
  /** The target pool has no (enabled) instances. */
  NO_INSTANCES: { forceable: false },
  /** No target instance is UP or DEGRADED. */
  NO_HEALTHY_INSTANCE: { forceable: true },
  /** The target's healthy weight is below MIN_TARGET_WEIGHT_PCT of the source's serving weight. */
  LOW_TARGET_WEIGHT: { forceable: true },
  /**
   * No healthy target instance would be serving after the plan: every healthy one is in
   * maintenance. Forcing would drain the source onto nothing, so force cannot override it.
   */
  TARGET_NOT_SERVING: { forceable: false },
  /** An instance involved is not linked to a HAProxy server. */
  NOT_LINKED: { forceable: false },
  /** The balancer could not be read (unreachable, timed out, or refusing): HAProxy's words. */
  BALANCER_ERROR: { forceable: false },
} as const satisfies Record<string, { forceable: boolean }>;

export type PreflightCode = keyof typeof PREFLIGHT_CODES;

/** One reason a pre-flight refuses. */
export interface PreflightReason {
  code: PreflightCode;
  message: string;
  /** `force` (with a reason) may override it. */
  forceable: boolean;
}

/** A reason with its code's forceability. */
export const preflightReason = (code: PreflightCode, message: string): PreflightReason => ({ code, message, forceable: PREFLIGHT_CODES[code].forceable });

/**
 * Why a failover from `from` to `to` must not go ahead (empty: it may). The target needs at
 * least one healthy instance and enough weight to take the source's load — counted only over the
 * instances that will be READY once `steps` (the plan) ran: an instance left drained or in
 * maintenance is no capacity. Every instance involved must be linked to a balancer. `force` (with
 * a reason) overrides the health and weight checks only.
 */
export function preflight(from: PlanPool, to: PlanPool, steps: readonly PlanStep[] = planFailover(from, to)): PreflightReason[] {
  const reasons: PreflightReason[] = [];
  if (from.id === to.id) return [preflightReason("ALREADY_ACTIVE", `${to.name} is already the active pool`)];
  if (to.instances.length === 0) return [preflightReason("NO_INSTANCES", `${to.name} has no instances`)];
  const readied = new Map(steps.flatMap((s) => (s.kind === "READY" ? [[s.instanceId, s.to.weight] as const] : [])));
  const up = to.instances.filter(healthy);
  const serving = up.filter((i) => readied.has(i.id) || i.adminState === "READY");
  if (up.length === 0) reasons.push(preflightReason("NO_HEALTHY_INSTANCE", `${to.name} has no healthy instance (0 of ${to.instances.length} up)`));
  else if (serving.length === 0) {
    reasons.push(
      preflightReason(
        "TARGET_NOT_SERVING",
        `none of ${to.name}'s ${up.length} healthy instance(s) would serve: ${up.map((i) => `${i.name} ${i.adminState}`).join(", ")}`,
      ),
    );
  }
  const have = serving.reduce((s, i) => s + (readied.get(i.id) ?? i.weight), 0);
  const sourceWeight = from.instances.filter((i) => i.adminState === "READY").reduce((s, i) => s + i.weight, 0);
  const need = Math.ceil((sourceWeight * MIN_TARGET_WEIGHT_PCT) / 100);
  if (serving.length > 0 && have < need) {
    reasons.push(
      preflightReason(
        "LOW_TARGET_WEIGHT",
        `${to.name}'s healthy weight ${have} is below ${MIN_TARGET_WEIGHT_PCT} % of ${from.name}'s serving weight ${sourceWeight} (needs ${need})`,
      ),
    );
  }
  const unlinked = [...from.instances, ...to.instances].filter((i) => !i.linked).map((i) => i.name);
  if (unlinked.length) reasons.push(preflightReason("NOT_LINKED", `not linked to a balancer: ${unlinked.join(", ")}`));
  return reasons;
}

/** Whether `force` may override every one of these reasons. */
export const isForceable = (reasons: readonly PreflightReason[]) => reasons.every((r) => r.forceable);

/**
 * The steps, in an order that drops no request: every target instance (not in maintenance) to
 * READY with its weight, then every serving source instance to DRAIN (in-flight requests
 * finish), then verify on HAProxy. Source instances in MAINT stay as they are; with `onlyReady`
 * (moving back to where the last failover came from) only those target instances are readied,
 * so an instance an operator had drained before stays drained — unless that would leave no
 * healthy target serving (an interrupted or rolled-back earlier move drained them, not the
 * operator): then every healthy target instance not in maintenance is readied, so history can
 * never empty the plan. Drained sources
 * that are HAProxy `backup` servers are then re-armed (READY): a backup serves only when no
 * active server can, so this takes no traffic back and keeps HAProxy's own fallback working.
 */
export function planFailover(from: PlanPool, to: PlanPool, o: { onlyReady?: Set<string> } = {}): PlanStep[] {
  const steps: PlanStep[] = [];
  const open = to.instances.filter((i) => i.adminState !== "MAINT");
  let chosen = o.onlyReady ? open.filter((i) => o.onlyReady!.has(i.id)) : open;
  if (!chosen.some((i) => healthy(i)) && !open.some((i) => healthy(i) && i.adminState === "READY")) {
    const picked = new Set(chosen);
    chosen = open.filter((i) => picked.has(i) || healthy(i));
  }
  for (const i of chosen) {
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
