/**
 * The per-instance threshold state machine: probe results in, health transitions out.
 * Pure: no I/O and no clock — every time comes from the results themselves, so a sequence of
 * results always yields the same sequence of transitions (that is how it is tested).
 */
import type { Health } from "@/lib/status/vocabulary";
import type { ProbeResult, Thresholds } from "./types";

/** What the machine remembers about one instance between two results. */
export interface HealthState {
  health: Health;
  /** Consecutive FAIL results, up to and including the latest. */
  failStreak: number;
  /** Consecutive DEGRADED results. */
  degradedStreak: number;
  /** Consecutive PASS or DEGRADED results (anything that is not a FAIL). */
  nonFailStreak: number;
  /** Consecutive PASS results. */
  passStreak: number;
  /**
   * The first FAIL of the current failure streak: a fault's startedAt and cause. Kept while the
   * instance is DOWN, even across isolated passes, and cleared only by recovery.
   */
  failingSince: ProbeResult | null;
  /** The most recent FAIL ever seen, for "last failed at" displays. Never cleared. */
  lastFailure: ProbeResult | null;
  /** The first DEGRADED result of the current degraded episode; kept while health is DEGRADED. */
  degradedSince: ProbeResult | null;
  /** When the current health began (the deciding result's `at`); null while UNKNOWN. */
  since: Date | null;
}

/** A change of health, with what decided it. */
export interface Transition {
  from: Health;
  to: Health;
  /** The deciding result's `at`. */
  at: Date;
  /** The result that completed the streak. */
  result: ProbeResult;
  /**
   * For →DOWN: the streak's first FAIL. For →DEGRADED: the first DEGRADED result of the streak.
   * Its `at` is when the fault started and its message is the cause. Null for →UP.
   */
  firstFailure: ProbeResult | null;
  /** How many consecutive results decided it (1 when a new instance's first result decides). */
  streak: number;
  /** For DOWN→…: when the outage began, i.e. the first FAIL of the streak that led to DOWN. */
  downSince?: Date;
  /** For DEGRADED→…: when the degraded episode began (its first DEGRADED result). */
  degradedSince?: Date;
}

/** The state of an instance nothing is known about yet. */
export function initialHealthState(): HealthState {
  return {
    health: "UNKNOWN",
    failStreak: 0,
    degradedStreak: 0,
    nonFailStreak: 0,
    passStreak: 0,
    failingSince: null,
    lastFailure: null,
    degradedSince: null,
    since: null,
  };
}

/** Health a result's level points to when it is allowed to decide on its own. */
function healthOf(result: ProbeResult): Health {
  return result.level === "PASS" ? "UP" : result.level === "DEGRADED" ? "DEGRADED" : "DOWN";
}

/**
 * Which health the streaks call for, or null to stay put. Streaks are already updated with the
 * latest result; `result` is that latest result.
 */
function decide(s: HealthState, result: ProbeResult, t: Thresholds): { to: Health; streak: number } | null {
  // A FAIL streak long enough takes any state DOWN, including a brand-new instance: one failed
  // check of an instance that never answered is not yet an outage.
  if (s.health !== "DOWN" && s.failStreak >= t.fall) return { to: "DOWN", streak: s.failStreak };

  switch (s.health) {
    case "UNKNOWN":
      // An instance that answers is serving: its first passing or degraded result decides at once.
      if (result.level === "PASS") return { to: "UP", streak: s.passStreak };
      if (result.level === "DEGRADED") return { to: "DEGRADED", streak: s.degradedStreak };
      return null;
    case "UP":
      return s.degradedStreak >= t.fall ? { to: "DEGRADED", streak: s.degradedStreak } : null;
    case "DEGRADED":
      return s.passStreak >= t.rise ? { to: "UP", streak: s.passStreak } : null;
    case "DOWN":
      // Degraded answers count towards leaving DOWN; where it lands follows the latest answer.
      return s.nonFailStreak >= t.rise ? { to: healthOf(result), streak: s.nonFailStreak } : null;
  }
}

/**
 * Feeds one probe result to the machine. Returns the next state (the input is not modified) and
 * the transition it caused, or null when health did not change.
 */
export function step(state: HealthState, result: ProbeResult, t: Thresholds): { state: HealthState; transition: Transition | null } {
  const fail = result.level === "FAIL";
  const pass = result.level === "PASS";
  const degraded = result.level === "DEGRADED";

  const counted: HealthState = {
    ...state,
    failStreak: fail ? state.failStreak + 1 : 0,
    degradedStreak: degraded ? state.degradedStreak + 1 : 0,
    nonFailStreak: fail ? 0 : state.nonFailStreak + 1,
    passStreak: pass ? state.passStreak + 1 : 0,
    lastFailure: fail ? result : state.lastFailure,
  };

  const decision = decide(counted, result, t);
  const health = decision?.to ?? state.health;

  // The first result of a streak anchors it; a streak that did not lead anywhere is forgotten as
  // soon as it breaks, but one that changed health is kept until health changes back, so the
  // recovery can say how long the episode lasted.
  const failingSince = fail ? (state.failingSince ?? result) : health === "DOWN" ? state.failingSince : null;
  const degradedSince = degraded ? (state.degradedSince ?? result) : health === "DEGRADED" ? state.degradedSince : null;

  const next: HealthState = {
    ...counted,
    health,
    failingSince,
    degradedSince,
    since: decision ? result.at : state.since,
  };
  if (!decision) return { state: next, transition: null };

  const transition: Transition = {
    from: state.health,
    to: decision.to,
    at: result.at,
    result,
    firstFailure: decision.to === "DOWN" ? failingSince : decision.to === "DEGRADED" ? degradedSince : null,
    streak: decision.streak,
  };
  // The outage began with its first failing check, not when `fall` confirmed it — the same
  // instant a fault records as startedAt, so both report the same duration.
  if (state.health === "DOWN") transition.downSince = state.failingSince?.at ?? state.since ?? undefined;
  if (state.health === "DEGRADED") transition.degradedSince = state.degradedSince?.at ?? state.since ?? undefined;
  return { state: next, transition };
}
