import { describe, expect, it } from "vitest";
import {
  answerFor,
  ChaosRequest,
  flapIsDown,
  isListening,
  resolveChaos,
  type Answer,
  type ChaosRequest as ChaosRequestInput,
  type Route,
} from "@/dev/fleet-sim/chaos";

const T0 = 1_700_000_000_000;
const noRandom = () => {
  throw new Error("random must not be called");
};

function answer(request: ChaosRequestInput, route: Route, now = T0, random: () => number = noRandom): Answer {
  return answerFor(resolveChaos(request, T0), route, now, random);
}

/** A random source that plays back `values` in order and fails if asked for more. */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    const value = values[i++];
    if (value === undefined) throw new Error("scripted random exhausted");
    return value;
  };
}

describe("resolveChaos", () => {
  it("applies defaults and starts the clock", () => {
    expect(resolveChaos({ mode: "slow" }, T0)).toEqual({ mode: "slow", latencyMs: 1500, errorRate: 0.5, periodMs: 4000, since: T0 });
    expect(resolveChaos({ mode: "error", errorRate: 0.2 }, T0).errorRate).toBe(0.2);
  });
});

describe("answerFor", () => {
  it("up answers 200 at once on health and traffic", () => {
    expect(answer({ mode: "up" }, "health")).toEqual({ kind: "respond", status: 200, delayMs: 0 });
    expect(answer({ mode: "up" }, "traffic")).toEqual({ kind: "respond", status: 200, delayMs: 0 });
  });

  it("down answers 503 on health and traffic", () => {
    expect(answer({ mode: "down" }, "health")).toMatchObject({ status: 503 });
    expect(answer({ mode: "down" }, "traffic")).toMatchObject({ status: 503 });
  });

  it("unhealthy answers health with a 200 whose body says degraded, and serves traffic", () => {
    expect(answer({ mode: "unhealthy" }, "health")).toEqual({ kind: "respond", status: 200, delayMs: 0, degraded: true });
    expect(answer({ mode: "unhealthy" }, "traffic")).toEqual({ kind: "respond", status: 200, delayMs: 0 });
  });

  it("slow delays both routes by latencyMs (default 1500)", () => {
    expect(answer({ mode: "slow" }, "health")).toEqual({ kind: "respond", status: 200, delayMs: 1500 });
    expect(answer({ mode: "slow", latencyMs: 250 }, "traffic")).toEqual({ kind: "respond", status: 200, delayMs: 250 });
  });

  it("refuse stops listening", () => {
    expect(answer({ mode: "refuse" }, "health")).toEqual({ kind: "refuse" });
    expect(isListening(resolveChaos({ mode: "refuse" }, T0))).toBe(false);
    for (const mode of ["up", "down", "slow", "flap", "error"] as const) {
      expect(isListening(resolveChaos({ mode }, T0))).toBe(true);
    }
  });

  it("flap alternates down/up every periodMs, starting down", () => {
    const steps: [offset: number, status: number][] = [
      [0, 503],
      [999, 503],
      [1000, 200],
      [1999, 200],
      [2000, 503],
      [3500, 200],
      [10_000, 503],
    ];
    for (const [offset, status] of steps) {
      expect(answer({ mode: "flap", periodMs: 1000 }, "health", T0 + offset), `at +${offset} ms`).toMatchObject({ status });
      expect(answer({ mode: "flap", periodMs: 1000 }, "traffic", T0 + offset), `at +${offset} ms`).toMatchObject({ status });
    }
  });

  it("flap uses a 4000 ms default period and treats a clock before `since` as the first period", () => {
    const chaos = resolveChaos({ mode: "flap" }, T0);
    expect(flapIsDown(chaos, T0 - 5)).toBe(true);
    expect(flapIsDown(chaos, T0 + 3999)).toBe(true);
    expect(flapIsDown(chaos, T0 + 4000)).toBe(false);
    expect(flapIsDown(chaos, T0 + 8000)).toBe(true);
  });

  it("error fails the fraction of traffic below errorRate and keeps health green", () => {
    const random = scripted([0.1, 0.6, 0.49, 0.5, 0.99]);
    const statuses = [0, 1, 2, 3, 4].map(() => answer({ mode: "error", errorRate: 0.5 }, "traffic", T0, random));
    expect(statuses.map((a) => (a.kind === "respond" ? a.status : "refuse"))).toEqual([500, 200, 500, 200, 200]);
    // health never consults the dice
    expect(answer({ mode: "error", errorRate: 1 }, "health")).toMatchObject({ status: 200 });
  });

  it("error rate 0 never fails and 1 always fails", () => {
    expect(answer({ mode: "error", errorRate: 0 }, "traffic", T0, () => 0)).toMatchObject({ status: 200 });
    expect(answer({ mode: "error", errorRate: 1 }, "traffic", T0, () => 0.999999)).toMatchObject({ status: 500 });
  });
});

describe("ChaosRequest", () => {
  it("accepts every mode with in-range options", () => {
    expect(ChaosRequest.safeParse({ mode: "flap", periodMs: 500 }).success).toBe(true);
    expect(ChaosRequest.safeParse({ mode: "error", errorRate: 0 }).success).toBe(true);
  });

  it.each([
    [{ mode: "sideways" }, "mode"],
    [{}, "mode"],
    [{ mode: "error", errorRate: 1.5 }, "errorRate"],
    [{ mode: "slow", latencyMs: -1 }, "latencyMs"],
    [{ mode: "slow", latencyMs: 1.5 }, "latencyMs"],
    [{ mode: "flap", periodMs: 10 }, "periodMs"],
  ])("rejects %j at %s", (input, field) => {
    const result = ChaosRequest.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it("rejects unknown keys (a typo would otherwise be silently ignored)", () => {
    expect(ChaosRequest.safeParse({ mode: "slow", latency: 100 }).success).toBe(false);
  });
});
