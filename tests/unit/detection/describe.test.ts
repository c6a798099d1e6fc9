import { describe, expect, it } from "vitest";
import { degradedCause, faultCause, faultResolution, formatDuration } from "@/lib/detection/describe";
import { initialHealthState, step, type Transition } from "@/lib/detection/thresholds";
import type { ProbeResult, Thresholds } from "@/lib/detection/types";

const TARGET = "GET http://127.0.0.1:18081/healthz";

/** A result at a UTC wall-clock time, e.g. `12:01:03`. */
function result(clock: string, level: ProbeResult["level"], fields: Partial<ProbeResult> = {}): ProbeResult {
  return {
    at: new Date(`2025-03-01T${clock}Z`),
    level,
    latencyMs: 4,
    statusCode: 200,
    errorClass: level === "PASS" ? null : "HTTP_STATUS",
    target: TARGET,
    message: `${TARGET} → 200 OK in 4 ms`,
    ...fields,
  };
}

const failed503 = (clock: string) => result(clock, "FAIL", { statusCode: 503, latencyMs: 12, message: `${TARGET} → 503 Service Unavailable in 12 ms` });

/** Plays results through the real state machine and returns every transition, in order. */
function transitionsOf(results: ProbeResult[], t: Thresholds): Transition[] {
  let state = initialHealthState();
  const out: Transition[] = [];
  for (const r of results) {
    const next = step(state, r, t);
    state = next.state;
    if (next.transition) out.push(next.transition);
  }
  return out;
}

describe("formatDuration", () => {
  const cases: Array<[number, string]> = [
    [0, "0 ms"],
    [850, "850 ms"],
    [999, "999 ms"],
    [1000, "1 s"],
    [42_000, "42 s"],
    [59_999, "59 s"],
    [60_000, "1 min"],
    [127_000, "2 min 7 s"],
    [3_599_999, "59 min 59 s"],
    [3_600_000, "1 h"],
    [(3 * 60 + 4) * 60_000, "3 h 4 min"],
    [24 * 3_600_000, "1 d"],
    [(2 * 24 + 3) * 3_600_000 + 59 * 60_000, "2 d 3 h"],
    [-5, "0 ms"],
    [Number.NaN, "0 ms"],
  ];
  it.each(cases)("%d ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("faultCause", () => {
  it("quotes the first failing check, the streak and when it began", () => {
    const [, down] = transitionsOf([result("12:00:53", "PASS"), failed503("12:01:03"), failed503("12:01:13")], { fall: 2, rise: 2 });
    expect(faultCause(down!)).toBe(`${TARGET} → 503 Service Unavailable in 12 ms (2 consecutive failures since 12:01:03Z)`);
  });

  it("keeps the first failure's words when later checks fail differently", () => {
    const timedOut = result("12:01:13", "FAIL", { statusCode: null, latencyMs: null, message: `${TARGET} → timed out after 2000 ms` });
    const [, down] = transitionsOf([result("12:00:53", "PASS"), failed503("12:01:03"), timedOut], { fall: 2, rise: 2 });
    expect(faultCause(down!)).toBe(`${TARGET} → 503 Service Unavailable in 12 ms (2 consecutive failures since 12:01:03Z)`);
  });

  it("says a single failure with fall 1", () => {
    const [, down] = transitionsOf([result("12:00:53", "PASS"), failed503("23:59:59")], { fall: 1, rise: 1 });
    expect(faultCause(down!)).toBe(`${TARGET} → 503 Service Unavailable in 12 ms (1 failure at 23:59:59Z)`);
  });
});

describe("degradedCause", () => {
  const slow = (clock: string, ms: number) =>
    result(clock, "DEGRADED", { latencyMs: ms, errorClass: "SLOW_RESPONSE", message: `${TARGET} → 200 OK in ${ms} ms, slower than 1000 ms` });

  it("quotes the deciding check and dates the streak from its first degraded check", () => {
    const [, degraded] = transitionsOf([result("12:00:53", "PASS"), slow("12:01:03", 1500), slow("12:01:13", 1700), slow("12:01:23", 1830)], {
      fall: 3,
      rise: 2,
    });
    expect(degradedCause(degraded!)).toBe(`${TARGET} → 200 OK in 1830 ms, slower than 1000 ms (3 consecutive degraded checks since 12:01:03Z)`);
  });

  it("says a single degraded check when a new instance's first answer decides", () => {
    const [degraded] = transitionsOf([slow("12:01:03", 1830)], { fall: 3, rise: 2 });
    expect(degradedCause(degraded!)).toBe(`${TARGET} → 200 OK in 1830 ms, slower than 1000 ms (1 degraded check at 12:01:03Z)`);
  });
});

describe("faultResolution", () => {
  it("HTTP: the passing streak, the last answer, when, and how long it was down (from the first failure)", () => {
    const transitions = transitionsOf(
      [result("12:00:53", "PASS"), failed503("12:01:03"), failed503("12:01:13"), result("12:03:00", "PASS"), result("12:03:10", "PASS")],
      { fall: 2, rise: 2 },
    );
    expect(faultResolution(transitions.at(-1)!)).toBe("Recovered: 2 consecutive passing checks (HTTP 200 in 4 ms) at 12:03:10Z; down 2 min 7 s");
  });

  it("TCP: a connect instead of a status", () => {
    const tcp = (clock: string, level: ProbeResult["level"]) =>
      result(clock, level, { target: "tcp://127.0.0.1:18101", statusCode: null, latencyMs: level === "PASS" ? 3 : null, message: "m" });
    const transitions = transitionsOf([tcp("12:00:00", "FAIL"), tcp("12:00:10", "PASS")], { fall: 1, rise: 1 });
    expect(faultResolution(transitions.at(-1)!)).toBe("Recovered: 1 passing check (TCP connect in 3 ms) at 12:00:10Z; down 10 s");
  });

  it("says when it comes back degraded", () => {
    const slow = result("12:05:00", "DEGRADED", { latencyMs: 1830, errorClass: "SLOW_RESPONSE" });
    const transitions = transitionsOf([failed503("12:00:00"), failed503("12:00:10"), slow], { fall: 2, rise: 1 });
    expect(faultResolution(transitions.at(-1)!)).toBe("Recovered (still degraded): 1 check without failure (HTTP 200 in 1830 ms) at 12:05:00Z; down 5 min");
  });

  it("DEGRADED→UP: how long it was degraded", () => {
    const slow = (clock: string) => result(clock, "DEGRADED", { latencyMs: 1830, errorClass: "SLOW_RESPONSE" });
    const transitions = transitionsOf([slow("10:00:00"), result("13:04:00", "PASS"), result("13:04:30", "PASS")], { fall: 2, rise: 2 });
    expect(faultResolution(transitions.at(-1)!)).toBe("Recovered: 2 consecutive passing checks (HTTP 200 in 4 ms) at 13:04:30Z; degraded 3 h 4 min");
  });
});
