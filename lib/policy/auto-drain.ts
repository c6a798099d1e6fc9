import type { AdminState, Health } from "@/lib/status/vocabulary";

export interface DrainCandidate {
  id: string;
  name: string;
  health: Health;
  adminState: AdminState;
  /** Drained by the policy (only those does it undrain). */
  autoDrained: boolean;
  inMaintenance: boolean;
}

export interface DrainDecision {
  drain: string[];
  undrain: string[];
  /** DOWN instances left serving because the pool's ejection cap is reached. */
  heldBack: string[];
}

/** How many instances of a pool may be drained by the policy at once (at least one, as Envoy). */
export const drainCap = (poolSize: number, maxPct: number) => Math.max(1, Math.floor((poolSize * maxPct) / 100));

/**
 * Auto-drain for one pool: drain READY instances the poller sees DOWN, never more than
 * `maxPct` % of the pool drained by the policy at once (Envoy's max ejection: when most of a
 * pool looks down, the checker is more likely wrong than the pool); undrain the ones it drained
 * once they are UP again (the poller's rise threshold already passed). Pure.
 */
export function decideAutoDrain(pool: DrainCandidate[], maxPct: number): DrainDecision {
  const undrain = pool.filter((i) => i.autoDrained && i.adminState === "DRAIN" && i.health === "UP").map((i) => i.id);
  const stillDrained = pool.filter((i) => i.autoDrained && i.adminState === "DRAIN" && !undrain.includes(i.id)).length;
  let room = drainCap(pool.length, maxPct) - stillDrained;
  const drain: string[] = [];
  const heldBack: string[] = [];
  for (const i of pool) {
    if (i.health !== "DOWN" || i.adminState !== "READY" || i.inMaintenance) continue;
    if (room > 0) {
      drain.push(i.id);
      room--;
    } else heldBack.push(i.id);
  }
  return { drain, undrain, heldBack };
}
