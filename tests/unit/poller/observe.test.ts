import { describe, expect, it, vi } from "vitest";
import { initialHealthState } from "@/lib/detection/thresholds";
import type { FlapPolicy } from "@/lib/detection/flapping";
import type { ProbeLevel, ProbeResult, Thresholds } from "@/lib/detection/types";
import type { Health } from "@/lib/status/vocabulary";
import { observe, type Action, type Observed } from "@/lib/poller/observe";
import { checkInstance, type CheckPipeline } from "@/lib/poller/poller";
import { resumedState, type Tracked } from "@/lib/poller/tracked";

const T0 = Date.parse("2025-03-01T12:00:00Z");
const EVERY_MS = 10_000;
/** Four changes into or out of DOWN within a minute: six checks' worth. */
const FLAP: FlapPolicy = { transitions: 4, windowMs: 60_000 };
const LEVEL: Record<string, ProbeLevel> = { P: "PASS", D: "DEGRADED", F: "FAIL" };

const at = (i: number) => new Date(T0 + i * EVERY_MS);

function result(level: ProbeLevel, i: number): ProbeResult {
  return {
    at: at(i),
    level,
    latencyMs: level === "DEGRADED" ? 1830 : 4,
    statusCode: level === "FAIL" ? 503 : 200,
    errorClass: level === "PASS" ? null : level === "FAIL" ? "HTTP_STATUS" : "SLOW_RESPONSE",
    target: "GET http://127.0.0.1:18081/healthz",
    message: `check #${i}`,
  };
}

/** Actions in one line each; times as check indexes ("#3"), so a case reads like the sequence. */
function show(a: Action): string {
  const idx = (d: Date) => `#${(d.getTime() - T0) / EVERY_MS}`;
  switch (a.kind) {
    case "record-check":
      return a.stateChange ? "check (state change)" : "check";
    case "save-transition":
      return `save ${a.transition.from}→${a.transition.to}${a.flapping ? " flapping" : ""}`;
    case "resolve-flapping":
      return `resolve flapping at ${idx(a.at)}, up since ${idx(a.upSince)}`;
  }
}

function fresh(t: Thresholds, health: Health = "UNKNOWN"): Observed {
  return {
    thresholds: t,
    state: health === "UNKNOWN" ? initialHealthState() : resumedState(health, at(-1), at(-3)),
    flapHistory: [],
    flappingOpen: false,
    lastTransitionAt: health === "UNKNOWN" ? null : at(-1),
  };
}

/** Feeds `levels` ("P F F", one letter per check, ten seconds apart) to observe. */
function play(levels: string, start: Observed, flap = FLAP) {
  let tracked = start;
  const steps: string[][] = [];
  for (const [i, l] of levels.split(" ").entries()) {
    const out = observe(tracked, result(LEVEL[l]!, i), flap);
    tracked = { ...out.state, thresholds: start.thresholds };
    steps.push(out.actions.map(show));
  }
  return { steps, final: tracked };
}

interface Case {
  name: string;
  levels: string;
  t?: Thresholds;
  start?: Health;
  flap?: FlapPolicy;
  /** Step index → its actions after the "check"; every other step must be a plain "check". */
  expect: Record<number, string[]>;
  final: { health: Health; flappingOpen: boolean; flapHistory: number };
}

const FALL2_RISE2: Thresholds = { fall: 2, rise: 2 };
const FALL1_RISE1: Thresholds = { fall: 1, rise: 1 };

const cases: Case[] = [
  {
    name: "a new instance's first pass decides UP at once",
    levels: "P P",
    expect: { 0: ["save UNKNOWN→UP"] },
    final: { health: "UP", flappingOpen: false, flapHistory: 0 },
  },
  {
    name: "DOWN after `fall` failures, not before",
    levels: "P F F F",
    expect: { 0: ["save UNKNOWN→UP"], 2: ["save UP→DOWN"] },
    final: { health: "DOWN", flappingOpen: false, flapHistory: 1 },
  },
  {
    name: "an isolated failure changes nothing",
    levels: "P F P F P",
    expect: { 0: ["save UNKNOWN→UP"] },
    final: { health: "UP", flappingOpen: false, flapHistory: 0 },
  },
  {
    name: "recovery after `rise` passes",
    levels: "P F F P P P",
    expect: { 0: ["save UNKNOWN→UP"], 2: ["save UP→DOWN"], 4: ["save DOWN→UP"] },
    final: { health: "UP", flappingOpen: false, flapHistory: 2 },
  },
  {
    name: "an instance resumed DOWN after a restart recovers (its fault resolves)",
    levels: "P P",
    start: "DOWN",
    expect: { 1: ["save DOWN→UP"] },
    final: { health: "UP", flappingOpen: false, flapHistory: 1 },
  },
  {
    name: "an instance resumed UP goes DOWN like any other",
    levels: "F F",
    start: "UP",
    expect: { 1: ["save UP→DOWN"] },
    final: { health: "DOWN", flappingOpen: false, flapHistory: 1 },
  },
  {
    name: "the fourth change into or out of DOWN within the window is flapping; it stays open while the instance is flapping",
    levels: "P F P F P F",
    t: FALL1_RISE1,
    expect: {
      0: ["save UNKNOWN→UP"],
      1: ["save UP→DOWN"],
      2: ["save DOWN→UP"],
      3: ["save UP→DOWN"],
      4: ["save DOWN→UP flapping"],
      5: ["save UP→DOWN flapping"],
    },
    final: { health: "DOWN", flappingOpen: true, flapHistory: 5 },
  },
  {
    name: "a flapping fault resolves once, after a whole window UP since the last change",
    levels: "P F P F P P P P P P P P P",
    t: FALL1_RISE1,
    expect: {
      0: ["save UNKNOWN→UP"],
      1: ["save UP→DOWN"],
      2: ["save DOWN→UP"],
      3: ["save UP→DOWN"],
      4: ["save DOWN→UP flapping"],
      10: ["resolve flapping at #10, up since #4"],
    },
    final: { health: "UP", flappingOpen: false, flapHistory: 4 },
  },
  {
    name: "a flapping instance that ends DOWN is not resolved by the window passing",
    levels: "P F P F P F F F F F F F F",
    t: FALL1_RISE1,
    expect: {
      0: ["save UNKNOWN→UP"],
      1: ["save UP→DOWN"],
      2: ["save DOWN→UP"],
      3: ["save UP→DOWN"],
      4: ["save DOWN→UP flapping"],
      5: ["save UP→DOWN flapping"],
    },
    final: { health: "DOWN", flappingOpen: true, flapHistory: 5 },
  },
  {
    name: "changes spread wider than the window never flap (old ones leave the history)",
    levels: "P F F F P P P F F F P",
    t: FALL1_RISE1,
    flap: { transitions: 4, windowMs: 30_000 },
    expect: { 0: ["save UNKNOWN→UP"], 1: ["save UP→DOWN"], 4: ["save DOWN→UP"], 7: ["save UP→DOWN"], 10: ["save DOWN→UP"] },
    final: { health: "UP", flappingOpen: false, flapHistory: 1 },
  },
  {
    name: "UP ↔ DEGRADED changes do not count towards flapping",
    levels: "P D P D P D P",
    t: FALL1_RISE1,
    expect: {
      0: ["save UNKNOWN→UP"],
      1: ["save UP→DEGRADED"],
      2: ["save DEGRADED→UP"],
      3: ["save UP→DEGRADED"],
      4: ["save DEGRADED→UP"],
      5: ["save UP→DEGRADED"],
      6: ["save DEGRADED→UP"],
    },
    final: { health: "UP", flappingOpen: false, flapHistory: 0 },
  },
  {
    name: "leaving DOWN for DEGRADED counts towards flapping",
    levels: "P F D F D",
    t: FALL1_RISE1,
    expect: { 0: ["save UNKNOWN→UP"], 1: ["save UP→DOWN"], 2: ["save DOWN→DEGRADED"], 3: ["save DEGRADED→DOWN"], 4: ["save DOWN→DEGRADED flapping"] },
    final: { health: "DEGRADED", flappingOpen: true, flapHistory: 4 },
  },
];

describe("observe: one result in, the next watch and its writes out", () => {
  it.each(cases)("$name", (c) => {
    const { steps, final } = play(c.levels, fresh(c.t ?? FALL2_RISE2, c.start), c.flap);
    steps.forEach((actions, i) => {
      const extra = c.expect[i];
      const check = extra?.some((a) => a.startsWith("save")) ? "check (state change)" : "check";
      expect(actions, `step ${i}`).toEqual([check, ...(extra ?? [])]);
    });
    expect({ health: final.state.health, flappingOpen: final.flappingOpen, flapHistory: final.flapHistory.length }).toEqual(c.final);
  });

  it("does not modify the watch it is given", () => {
    const start = fresh(FALL1_RISE1);
    const copy = structuredClone(start);
    observe(start, result("FAIL", 0), FLAP);
    expect(start).toEqual(copy);
  });

  it("hands a transition over with the result that decided it and the streak's first failure", () => {
    const { state } = observe(fresh(FALL2_RISE2), result("PASS", 0), FLAP);
    const once = observe({ ...state, thresholds: FALL2_RISE2 }, result("FAIL", 1), FLAP);
    const { actions } = observe({ ...once.state, thresholds: FALL2_RISE2 }, result("FAIL", 2), FLAP);
    const save = actions.find((a) => a.kind === "save-transition");
    expect(
      save?.kind === "save-transition" && {
        at: save.transition.at,
        decidedBy: save.transition.result.message,
        firstFailure: save.transition.firstFailure?.message,
      },
    ).toEqual({
      at: at(2),
      decidedBy: "check #2",
      firstFailure: "check #1",
    });
  });
});

describe("checkInstance: probe → observe → writer", () => {
  function pipeline(tracked: Map<string, Tracked>, probe: CheckPipeline["probe"]) {
    const performed: Array<{ id: string; actions: string[] }> = [];
    const p: CheckPipeline = {
      tracked: (id) => tracked.get(id),
      probe,
      flap: FLAP,
      perform: (t, actions) => performed.push({ id: t.ctx.instanceId, actions: actions.map(show) }),
    };
    return { p, performed };
  }
  const instance = (id: string): Tracked => ({
    ...fresh(FALL2_RISE2),
    ctx: { instanceId: id, instanceName: id, serviceId: "s", serviceName: "s", poolRole: "ACTIVE" },
    spec: {} as Tracked["spec"],
    intervalMs: EVERY_MS,
  });

  it("probes, keeps the new watch on the instance and hands the actions to the writer", async () => {
    const tracked = new Map([["api-1", instance("api-1")]]);
    const { p, performed } = pipeline(tracked, async () => result("PASS", 0));
    await checkInstance(p, "api-1");
    expect(performed).toEqual([{ id: "api-1", actions: ["check (state change)", "save UNKNOWN→UP"] }]);
    expect(tracked.get("api-1")!.state.health).toBe("UP");
  });

  it("does not probe an instance removed before its turn", async () => {
    const probe = vi.fn(async () => result("PASS", 0));
    const { p, performed } = pipeline(new Map(), probe);
    await checkInstance(p, "gone");
    expect(probe).not.toHaveBeenCalled();
    expect(performed).toEqual([]);
  });

  it("still records the result of an instance removed while its probe ran", async () => {
    const tracked = new Map([["api-2", instance("api-2")]]);
    const { p, performed } = pipeline(tracked, async () => {
      tracked.delete("api-2");
      return result("PASS", 0);
    });
    await checkInstance(p, "api-2");
    expect(performed).toEqual([{ id: "api-2", actions: ["check (state change)", "save UNKNOWN→UP"] }]);
  });
});
