import { describe, expect, it } from "vitest";
import { initialHealthState, step, type HealthState, type Transition } from "@/lib/detection/thresholds";
import type { ProbeLevel, ProbeResult, Thresholds } from "@/lib/detection/types";
import type { Health } from "@/lib/status/vocabulary";

const T0 = Date.parse("2025-03-01T12:00:00Z");
const EVERY_MS = 10_000;
const FALL2_RISE2: Thresholds = { fall: 2, rise: 2 };

const LEVEL: Record<string, ProbeLevel> = { P: "PASS", D: "DEGRADED", F: "FAIL" };

/** The i-th check of a sequence, ten seconds apart; its message names it so tests can tell them apart. */
function result(level: ProbeLevel, i: number): ProbeResult {
  return {
    at: new Date(T0 + i * EVERY_MS),
    level,
    latencyMs: level === "DEGRADED" ? 1830 : 4,
    statusCode: level === "FAIL" ? 503 : 200,
    errorClass: level === "PASS" ? null : level === "FAIL" ? "HTTP_STATUS" : "SLOW_RESPONSE",
    target: "GET http://127.0.0.1:18081/healthz",
    message: `check #${i}`,
  };
}

/** Feeds `levels` ("P F F D", one letter per check) to the machine and records every step. */
function play(levels: string, t: Thresholds, start: HealthState = initialHealthState()) {
  const results = levels.split(" ").map((l, i) => result(LEVEL[l]!, i));
  const states: HealthState[] = [];
  const transitions: Array<Transition | null> = [];
  let state = start;
  for (const r of results) {
    const out = step(state, r, t);
    state = out.state;
    states.push(state);
    transitions.push(out.transition);
  }
  return { results, states, transitions, final: state };
}

/** What a transition should look like; check indexes point into the sequence. */
interface Expected {
  from: Health;
  to: Health;
  streak: number;
  firstFailure?: number;
  downSince?: number;
  degradedSince?: number;
}

interface Case {
  name: string;
  levels: string;
  t?: Thresholds;
  /** Step index → transition at that step; every other step must produce none. */
  expect: Record<number, Expected>;
  final: Health;
}

const cases: Case[] = [
  {
    name: "two failures after a pass take it DOWN at the second, blaming the first",
    levels: "P F F",
    expect: { 0: { from: "UNKNOWN", to: "UP", streak: 1 }, 2: { from: "UP", to: "DOWN", streak: 2, firstFailure: 1 } },
    final: "DOWN",
  },
  {
    name: "a pass in between resets the failure streak",
    levels: "F P F F",
    expect: { 1: { from: "UNKNOWN", to: "UP", streak: 1 }, 3: { from: "UP", to: "DOWN", streak: 2, firstFailure: 2 } },
    final: "DOWN",
  },
  {
    name: "a single failure of a new instance is not yet DOWN",
    levels: "F",
    expect: {},
    final: "UNKNOWN",
  },
  {
    name: "a new instance goes DOWN after `fall` failures",
    levels: "F F",
    expect: { 1: { from: "UNKNOWN", to: "DOWN", streak: 2, firstFailure: 0 } },
    final: "DOWN",
  },
  {
    name: "DOWN recovers only after `rise` passes in a row; a failure in between restarts the count",
    levels: "P F F P F P P",
    expect: {
      0: { from: "UNKNOWN", to: "UP", streak: 1 },
      2: { from: "UP", to: "DOWN", streak: 2, firstFailure: 1 },
      6: { from: "DOWN", to: "UP", streak: 2, downSince: 1 },
    },
    final: "UP",
  },
  {
    name: "a new instance's first degraded answer decides at once",
    levels: "D P P",
    expect: {
      0: { from: "UNKNOWN", to: "DEGRADED", streak: 1, firstFailure: 0 },
      2: { from: "DEGRADED", to: "UP", streak: 2, degradedSince: 0 },
    },
    final: "UP",
  },
  {
    name: "UP→DEGRADED needs `fall` degraded in a row, DEGRADED→UP needs `rise` passes in a row",
    levels: "P D P D D P D P P",
    expect: {
      0: { from: "UNKNOWN", to: "UP", streak: 1 },
      4: { from: "UP", to: "DEGRADED", streak: 2, firstFailure: 3 },
      8: { from: "DEGRADED", to: "UP", streak: 2, degradedSince: 3 },
    },
    final: "UP",
  },
  {
    name: "DEGRADED falls to DOWN on `fall` failures",
    levels: "D F F",
    expect: {
      0: { from: "UNKNOWN", to: "DEGRADED", streak: 1, firstFailure: 0 },
      2: { from: "DEGRADED", to: "DOWN", streak: 2, firstFailure: 1, degradedSince: 0 },
    },
    final: "DOWN",
  },
  {
    name: "a degraded answer counts towards leaving DOWN, and where it lands follows the latest",
    levels: "F F P D",
    expect: {
      1: { from: "UNKNOWN", to: "DOWN", streak: 2, firstFailure: 0 },
      3: { from: "DOWN", to: "DEGRADED", streak: 2, firstFailure: 3, downSince: 0 },
    },
    final: "DEGRADED",
  },
  {
    name: "leaving DOWN through a degraded answer to a pass lands UP",
    levels: "F F D P",
    expect: {
      1: { from: "UNKNOWN", to: "DOWN", streak: 2, firstFailure: 0 },
      3: { from: "DOWN", to: "UP", streak: 2, downSince: 0 },
    },
    final: "UP",
  },
  {
    name: "a failure between degraded answers resets the degraded streak (and vice versa)",
    levels: "P D F D F",
    expect: { 0: { from: "UNKNOWN", to: "UP", streak: 1 } },
    final: "UP",
  },
  {
    name: "a degraded answer breaks a failure streak",
    levels: "P F F D F F F",
    t: { fall: 3, rise: 2 },
    expect: { 0: { from: "UNKNOWN", to: "UP", streak: 1 }, 6: { from: "UP", to: "DOWN", streak: 3, firstFailure: 4 } },
    final: "DOWN",
  },
  {
    name: "rise 1 / fall 1 follows every result",
    levels: "P F P D P F",
    t: { fall: 1, rise: 1 },
    expect: {
      0: { from: "UNKNOWN", to: "UP", streak: 1 },
      1: { from: "UP", to: "DOWN", streak: 1, firstFailure: 1 },
      2: { from: "DOWN", to: "UP", streak: 1, downSince: 1 },
      3: { from: "UP", to: "DEGRADED", streak: 1, firstFailure: 3 },
      4: { from: "DEGRADED", to: "UP", streak: 1, degradedSince: 3 },
      5: { from: "UP", to: "DOWN", streak: 1, firstFailure: 5 },
    },
    final: "DOWN",
  },
  {
    name: "rise 3: the outage is dated from its first failure, whatever happens during recovery",
    levels: "P F F F P P F P P P",
    t: { fall: 2, rise: 3 },
    expect: {
      0: { from: "UNKNOWN", to: "UP", streak: 1 },
      2: { from: "UP", to: "DOWN", streak: 2, firstFailure: 1 },
      9: { from: "DOWN", to: "UP", streak: 3, downSince: 1 },
    },
    final: "UP",
  },
];

describe("step, fed sequences", () => {
  it.each(cases)("$name ($levels)", ({ levels, t = FALL2_RISE2, expect: expected, final }) => {
    const { results, transitions, final: state } = play(levels, t);
    transitions.forEach((transition, i) => {
      const want = expected[i];
      if (!want) {
        expect(transition, `step ${i}`).toBeNull();
        return;
      }
      expect(transition, `step ${i}`).toEqual({
        from: want.from,
        to: want.to,
        at: results[i]!.at,
        result: results[i],
        streak: want.streak,
        firstFailure: want.firstFailure === undefined ? null : results[want.firstFailure],
        ...(want.downSince === undefined ? {} : { downSince: results[want.downSince]!.at }),
        ...(want.degradedSince === undefined ? {} : { degradedSince: results[want.degradedSince]!.at }),
      });
    });
    expect(state.health).toBe(final);
  });
});

describe("HealthState bookkeeping", () => {
  it("counts the four streaks, each reset by what breaks it", () => {
    const { states } = play("P P D F F D P", FALL2_RISE2);
    const streaks = states.map((s) => [s.failStreak, s.degradedStreak, s.nonFailStreak, s.passStreak]);
    expect(streaks).toEqual([
      [0, 0, 1, 1],
      [0, 0, 2, 2],
      [0, 1, 3, 0],
      [1, 0, 0, 0],
      [2, 0, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 2, 1],
    ]);
  });

  it("sets failingSince on a streak's first failure and forgets a streak that did not lead to DOWN", () => {
    const { results, states } = play("P F P F F", FALL2_RISE2);
    expect(states.map((s) => s.failingSince)).toEqual([null, results[1], null, results[3], results[3]]);
  });

  it("keeps failingSince through DOWN, across isolated passes, until recovery", () => {
    const { results, states } = play("F F P F P P", FALL2_RISE2);
    expect(states.map((s) => s.health)).toEqual(["UNKNOWN", "DOWN", "DOWN", "DOWN", "DOWN", "UP"]);
    expect(states.map((s) => s.failingSince)).toEqual([results[0], results[0], results[0], results[0], results[0], null]);
  });

  it("keeps degradedSince while DEGRADED and forgets a degraded streak that did not lead there", () => {
    const { results, states } = play("P D P D D F P D P P", FALL2_RISE2);
    expect(states.map((s) => s.health)).toEqual(["UP", "UP", "UP", "UP", "DEGRADED", "DEGRADED", "DEGRADED", "DEGRADED", "DEGRADED", "UP"]);
    expect(states.map((s) => s.degradedSince)).toEqual([null, results[1], null, results[3], results[3], results[3], results[3], results[3], results[3], null]);
  });

  it("remembers the last failure for good and dates the current health from its transition", () => {
    const { results, states } = play("P F F P P", FALL2_RISE2);
    expect(states.map((s) => s.lastFailure)).toEqual([null, results[1], results[2], results[2], results[2]]);
    expect(states.map((s) => s.since)).toEqual([results[0]!.at, results[0]!.at, results[2]!.at, results[2]!.at, results[4]!.at]);
  });

  it("starts UNKNOWN with nothing remembered", () => {
    expect(initialHealthState()).toEqual({
      health: "UNKNOWN",
      failStreak: 0,
      degradedStreak: 0,
      nonFailStreak: 0,
      passStreak: 0,
      failingSince: null,
      lastFailure: null,
      degradedSince: null,
      since: null,
    });
  });

  it("does not modify the state it is given", () => {
    const before = Object.freeze(initialHealthState());
    const first = step(before, result("FAIL", 0), FALL2_RISE2);
    const second = step(Object.freeze(first.state), result("FAIL", 1), FALL2_RISE2);
    expect(before).toEqual(initialHealthState());
    expect(first.state.health).toBe("UNKNOWN");
    expect(second.state.health).toBe("DOWN");
  });

  it("reports the outage length from the first failure, not from when `fall` confirmed it", () => {
    const { transitions, states } = play("P F F F P P", FALL2_RISE2);
    const down = transitions[2]!;
    const up = transitions[5]!;
    expect(states[2]!.since).toEqual(down.at);
    expect(up.downSince).toEqual(new Date(T0 + 1 * EVERY_MS));
    expect(up.at.getTime() - up.downSince!.getTime()).toBe(4 * EVERY_MS);
  });
});
