/**
 * Flap detection in the spirit of Nagios and HAProxy: an instance whose health keeps changing is
 * reported as one flapping fault instead of a stream of open/resolve pairs. Pure: the caller keeps
 * the transition history and passes the time in.
 *
 * Windows are half-open: a transition exactly `windowMs` old has left the window. `isFlapping`
 * and `isStable` agree on that edge, so an instance is never both flapping and stable.
 */

export interface FlapPolicy {
  /** Transitions within the window that make an instance flapping. */
  transitions: number;
  /** Length of the sliding window. */
  windowMs: number;
}

/** 4 health changes within 5 minutes: more than one genuine outage and recovery would produce. */
export const DEFAULT_FLAP_POLICY: Readonly<FlapPolicy> = Object.freeze({ transitions: 4, windowMs: 5 * 60_000 });

/** True when `then` is less than `windowMs` before `now` (later times count as inside). */
function inWindow(then: Date, now: Date, windowMs: number): boolean {
  return now.getTime() - then.getTime() < windowMs;
}

/**
 * Adds a transition at `at` to the history and drops those that have left the window, so the
 * history stays as small as the window allows. Returns a new array; the input is not modified.
 */
export function recordTransition(history: readonly Date[], at: Date, windowMs: number): Date[] {
  return [...history, at].filter((d) => inWindow(d, at, windowMs));
}

/** Whether at least `policy.transitions` transitions happened in the `policy.windowMs` before `now`. */
export function isFlapping(history: readonly Date[], now: Date, policy: FlapPolicy): boolean {
  return history.filter((d) => inWindow(d, now, policy.windowMs)).length >= policy.transitions;
}

/**
 * Whether a full window has passed since the last transition. A flapping fault resolves only then:
 * resolving it on the first good check would restart the open/resolve churn it exists to stop.
 */
export function isStable(lastTransitionAt: Date, now: Date, windowMs: number): boolean {
  return !inWindow(lastTransitionAt, now, windowMs);
}
