import type { InstanceContext } from "@/lib/faults/apply-transition";
import type { HealthState } from "@/lib/detection/thresholds";
import { initialHealthState } from "@/lib/detection/thresholds";
import type { ProbeResult, Thresholds } from "@/lib/detection/types";
import type { Health } from "@/lib/status/vocabulary";
import type { ProbeSpec } from "@/lib/probes/types";

/** What the poller keeps in memory per instance. */
export interface Tracked {
  ctx: InstanceContext;
  spec: ProbeSpec;
  thresholds: Thresholds;
  intervalMs: number;
  state: HealthState;
  /** Times of transitions into or out of DOWN, within the flap window. */
  flapHistory: Date[];
  /** Persists transitions in order, one at a time, retrying through database outages. */
  chain: Promise<void>;
  /** An open flapping fault waits for a stable period before it resolves. */
  flappingOpen: boolean;
  lastTransitionAt: Date | null;
}

/**
 * Resume from what the database last recorded, so a restart does not forget that an instance
 * was DOWN (its fault must still resolve on recovery) and does not re-open anything.
 */
export function resumedState(health: Health, since: Date | null, downSince: Date | null): HealthState {
  const state = initialHealthState();
  state.health = health;
  state.since = since;
  if (health === "DOWN") {
    const at = downSince ?? since ?? new Date();
    const placeholder: ProbeResult = {
      at,
      level: "FAIL",
      latencyMs: null,
      statusCode: null,
      errorClass: "UNKNOWN",
      target: "",
      message: "down before the poller restarted",
    };
    state.failingSince = placeholder;
    state.lastFailure = placeholder;
  }
  return state;
}
