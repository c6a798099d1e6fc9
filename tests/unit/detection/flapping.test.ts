import { describe, expect, it } from "vitest";
import { DEFAULT_FLAP_POLICY, isFlapping, isStable, recordTransition } from "@/lib/detection/flapping";

const T0 = Date.parse("2025-03-01T12:00:00Z");
const MIN = 60_000;
const WINDOW = 5 * MIN;
const at = (ms: number) => new Date(T0 + ms);

describe("DEFAULT_FLAP_POLICY", () => {
  it("is 4 transitions in 5 minutes", () => {
    expect(DEFAULT_FLAP_POLICY).toEqual({ transitions: 4, windowMs: 300_000 });
    expect(Object.isFrozen(DEFAULT_FLAP_POLICY)).toBe(true);
  });
});

describe("recordTransition", () => {
  it("appends and drops transitions that have left the window, a full window old included", () => {
    const history = [at(0), at(1 * MIN), at(4 * MIN)];
    expect(recordTransition(history, at(WINDOW), WINDOW)).toEqual([at(1 * MIN), at(4 * MIN), at(WINDOW)]);
    expect(recordTransition(history, at(WINDOW - 1), WINDOW)).toEqual([at(0), at(1 * MIN), at(4 * MIN), at(WINDOW - 1)]);
  });

  it("does not modify the history it is given", () => {
    const history = Object.freeze([at(0)]);
    expect(recordTransition(history, at(2 * WINDOW), WINDOW)).toEqual([at(2 * WINDOW)]);
    expect(history).toEqual([at(0)]);
  });
});

describe("isFlapping", () => {
  const four = [at(0), at(1 * MIN), at(2 * MIN), at(3 * MIN)];
  const cases: Array<[string, Date[], number, boolean]> = [
    ["4 transitions, the last one just now", four, 3 * MIN, true],
    ["the oldest 1 ms short of a full window", four, WINDOW - 1, true],
    ["the oldest exactly a full window old", four, WINDOW, false],
    ["3 transitions only", four.slice(1), 3 * MIN, false],
    ["no history", [], 0, false],
  ];
  it.each(cases)("%s → %s", (_name, history, now, flapping) => {
    expect(isFlapping(history, at(now), DEFAULT_FLAP_POLICY)).toBe(flapping);
  });

  it("follows a sequence: an instance starts flapping on the 3rd change and stops as changes age out", () => {
    const policy = { transitions: 3, windowMs: 2 * MIN };
    let history: Date[] = [];
    const verdicts: boolean[] = [];
    for (const t of [0, 30_000, 60_000, 90_000, 200_000, 260_000]) {
      history = recordTransition(history, at(t), policy.windowMs);
      verdicts.push(isFlapping(history, at(t), policy));
    }
    // at 200 s only 90 s is within 2 min; at 260 s, 200 s and 260 s: never 3 again.
    expect(verdicts).toEqual([false, false, true, true, false, false]);
  });
});

describe("isStable", () => {
  it("is stable only after a full window without a transition", () => {
    expect(isStable(at(0), at(WINDOW - 1), WINDOW)).toBe(false);
    expect(isStable(at(0), at(WINDOW), WINDOW)).toBe(true);
    expect(isStable(at(0), at(WINDOW + MIN), WINDOW)).toBe(true);
  });

  it("never calls an instance stable and flapping at the same instant", () => {
    const history = [at(0), at(10_000), at(20_000), at(30_000)];
    for (const now of [30_000 + WINDOW - 1, 30_000 + WINDOW, WINDOW - 1, WINDOW]) {
      const flapping = isFlapping(history, at(now), DEFAULT_FLAP_POLICY);
      const stable = isStable(at(30_000), at(now), DEFAULT_FLAP_POLICY.windowMs);
      expect(flapping && stable).toBe(false);
    }
  });
});
