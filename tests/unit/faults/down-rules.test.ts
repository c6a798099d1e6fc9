import { describe, expect, it } from "vitest";
import { decideDown, decideUp, type DownObservation, type Observer, type OpenDownFault, type UpObservation } from "@/lib/faults/down-rules";

const T0 = Date.parse("2026-12-01T10:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000);

const downObs = (source: Observer, s: number, o: Partial<DownObservation> = {}): DownObservation => ({
  source,
  at: at(s),
  startedAt: at(s - 1),
  type: source === "POLLER" ? "TIMEOUT" : null,
  cause: `${source} down at ${s}`,
  flapping: false,
  ...o,
});
const upObs = (source: Observer, s: number, o: Partial<UpObservation> = {}): UpObservation => ({
  source,
  at: at(s),
  resolution: `${source} up at ${s}`,
  flapping: false,
  note: true,
  ...o,
});
const open = (o: Partial<OpenDownFault> = {}): OpenDownFault => ({
  id: "f1",
  type: "BALANCER_REPORTED",
  startedAt: at(0),
  detectedAt: at(1),
  flapping: false,
  flapCount: 0,
  downSources: ["BALANCER"],
  ...o,
});

describe("decideDown", () => {
  it("opens a new fault from the earliest evidence, HAProxy's generic type when it has no class", () => {
    expect(decideDown(null, null, downObs("BALANCER", 5))).toEqual({
      kind: "open",
      type: "BALANCER_REPORTED",
      cause: "BALANCER down at 5",
      startedAt: at(4),
      detectedAt: at(5),
      downSources: ["BALANCER"],
    });
  });

  it("reopens a fault resolved within the flap window with a flap counted and the new type and cause — whichever observer", () => {
    for (const source of ["POLLER", "BALANCER"] as const) {
      const d = decideDown(null, { id: "old", flapCount: 2 }, downObs(source, 9, { type: "BODY_MISMATCH", cause: "JSON mismatch" }));
      expect(d).toMatchObject({ kind: "reopen", id: "old", patch: { type: "BODY_MISMATCH", cause: "JSON mismatch", flapCount: 3, downSources: [source] } });
    }
  });

  it("a fault held open while flapping, down again: a flap, type and cause refreshed", () => {
    const d = decideDown(open({ downSources: [], flapping: true, flapCount: 4, type: "TIMEOUT" }), null, downObs("BALANCER", 30, { type: "HTTP_STATUS" }));
    expect(d).toMatchObject({
      kind: "update",
      patch: { type: "HTTP_STATUS", flapCount: 5, flapping: true, downSources: ["BALANCER"], quietSince: null },
      event: { kind: "FLAP" },
    });
  });

  it("a second observer joins: its evidence, the earliest start, the poller's class over HAProxy's generic one", () => {
    const d = decideDown(open({ startedAt: at(3) }), null, downObs("POLLER", 6, { startedAt: at(2) }));
    expect(d).toMatchObject({ kind: "update", patch: { downSources: ["BALANCER", "POLLER"], startedAt: at(2), type: "TIMEOUT" }, event: { kind: "NOTE" } });
    const keeps = decideDown(
      open({ type: "CONNECTION_REFUSED", downSources: ["POLLER"], startedAt: at(1) }),
      null,
      downObs("BALANCER", 6, { startedAt: at(4) }),
    );
    expect(keeps).toMatchObject({ kind: "update", patch: { downSources: ["POLLER", "BALANCER"], startedAt: at(1) }, event: { kind: "BALANCER" } });
    expect((keeps as { patch: object }).patch).not.toHaveProperty("type");
  });

  it("the same observer again: HAProxy's words are evidence, the poller's repeat adds nothing", () => {
    expect(decideDown(open(), null, downObs("BALANCER", 8))).toMatchObject({ kind: "update", patch: {}, event: { kind: "BALANCER" } });
    expect(decideDown(open({ downSources: ["POLLER"] }), null, downObs("POLLER", 8))).toEqual({ kind: "none" });
  });
});

describe("decideUp", () => {
  it("resolves when the last observer sees it serving; not while another still sees it DOWN", () => {
    const both = open({ downSources: ["BALANCER", "POLLER"] });
    expect(decideUp(both, upObs("BALANCER", 9))).toMatchObject({
      kind: "update",
      patch: { downSources: ["POLLER"] },
      event: { message: "BALANCER up at 9 — still DOWN per poller" },
    });
    expect(decideUp(open({ downSources: ["POLLER"] }), upObs("POLLER", 10))).toEqual({
      kind: "resolve",
      id: "f1",
      resolvedAt: at(10),
      detectedAt: at(1),
      resolution: "POLLER up at 10",
    });
  });

  it("an observer that never saw this episode DOWN changes nothing (HAProxy's news is a note)", () => {
    const f = open({ downSources: ["POLLER"] });
    expect(decideUp(f, upObs("BALANCER", 9))).toMatchObject({
      kind: "update",
      patch: {},
      event: { kind: "BALANCER", message: "BALANCER up at 9 (still DOWN per poller)" },
    });
    expect(decideUp(f, upObs("BALANCER", 9, { note: false }))).toEqual({ kind: "none" });
  });

  it("keeps a flapping fault open, quiet since now: the detector says so, or it has been down again before", () => {
    for (const f of [open({ flapCount: 1 }), open({ flapping: true })]) {
      expect(decideUp(f, upObs("BALANCER", 12))).toMatchObject({
        kind: "update",
        patch: { downSources: [], flapping: true, quietSince: at(12) },
        event: { kind: "FLAP" },
      });
    }
    expect(decideUp(open({ downSources: ["POLLER"] }), upObs("POLLER", 12, { flapping: true }))).toMatchObject({ kind: "update", patch: { flapping: true } });
  });

  it("never resolves before the start, and detectedAt is never after resolvedAt (a queued write)", () => {
    const f = open({ startedAt: at(11), detectedAt: at(20), downSources: ["POLLER"] });
    expect(decideUp(f, upObs("POLLER", 18))).toMatchObject({ kind: "resolve", resolvedAt: at(18), detectedAt: at(18) });
    expect(decideUp(f, upObs("POLLER", 5))).toMatchObject({ kind: "resolve", resolvedAt: at(11), detectedAt: at(11) });
  });

  it("a fault with no observer recorded (written before the evidence model) resolves as before", () => {
    expect(decideUp(open({ downSources: [] }), upObs("BALANCER", 9))).toMatchObject({ kind: "resolve" });
  });
});
