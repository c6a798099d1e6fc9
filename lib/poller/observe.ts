/**
 * The poller's pure core, after gatus's watchdog: one probe result of one instance in, the
 * instance's next watch state and the writes it calls for out. No I/O and no clock — every time
 * comes from the result (as in `lib/detection/thresholds.ts`), so a sequence of results always
 * yields the same sequence of actions; `lib/poller/health-writer.ts` performs them.
 */
import { isFlapping, isStable, recordTransition, type FlapPolicy } from "@/lib/detection/flapping";
import { step, type Transition } from "@/lib/detection/thresholds";
import type { ProbeResult, Thresholds } from "@/lib/detection/types";
import type { Watch } from "./tracked";

/** A write the result calls for, in the order the writer must perform them. */
export type Action =
  /** Store the sample (raw row and minute rollup); `stateChange` marks the one that changed health. */
  | { kind: "record-check"; result: ProbeResult; stateChange: boolean }
  /** Persist a health transition (fault opened, reopened or resolved), retried until saved. */
  | { kind: "save-transition"; transition: Transition; flapping: boolean }
  /** A flapping instance has been UP for a whole window: resolve its flapping fault. */
  | { kind: "resolve-flapping"; at: Date; upSince: Date };

/** What `observe` needs of an instance: its thresholds and its watch. */
export interface Observed extends Watch {
  thresholds: Thresholds;
}

/**
 * Feeds one result to an instance's thresholds and flap detector. Returns the next watch (the
 * input is not modified) and the actions, always starting with "record-check". Only changes into
 * or out of DOWN count towards flapping; a flapping fault resolves once the instance has been UP
 * for a full flap window after its last transition.
 */
export function observe(tracked: Observed, result: ProbeResult, flap: FlapPolicy): { state: Watch; actions: Action[] } {
  const { state, transition } = step(tracked.state, result, tracked.thresholds);
  const next: Watch = { state, flapHistory: tracked.flapHistory, flappingOpen: tracked.flappingOpen, lastTransitionAt: tracked.lastTransitionAt };
  const actions: Action[] = [{ kind: "record-check", result, stateChange: transition !== null }];
  if (transition) {
    next.lastTransitionAt = transition.at;
    let flapping = false;
    if (transition.to === "DOWN" || transition.from === "DOWN") {
      next.flapHistory = recordTransition(tracked.flapHistory, transition.at, flap.windowMs);
      flapping = isFlapping(next.flapHistory, transition.at, flap);
      if (flapping) next.flappingOpen = true;
    }
    actions.push({ kind: "save-transition", transition, flapping });
  } else if (tracked.flappingOpen && state.health === "UP" && tracked.lastTransitionAt && isStable(tracked.lastTransitionAt, result.at, flap.windowMs)) {
    next.flappingOpen = false;
    actions.push({ kind: "resolve-flapping", at: result.at, upSince: tracked.lastTransitionAt });
  }
  return { state: next, actions };
}
