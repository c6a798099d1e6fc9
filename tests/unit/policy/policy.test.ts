import { describe, expect, it } from "vitest";
import { decideAutoDrain, drainCap, type DrainCandidate } from "@/lib/policy/auto-drain";
import { decideAutoFailover } from "@/lib/policy/auto-failover";

const c = (id: string, o: Partial<DrainCandidate> = {}): DrainCandidate => ({
  id,
  name: id,
  health: "UP",
  adminState: "READY",
  autoDrained: false,
  inMaintenance: false,
  ...o,
});

describe("auto-drain", () => {
  it("drains DOWN instances up to the pool's cap (at least one), holding the rest back", () => {
    expect([drainCap(3, 34), drainCap(2, 34), drainCap(10, 50)]).toEqual([1, 1, 5]);
    const d = decideAutoDrain([c("a", { health: "DOWN" }), c("b", { health: "DOWN" }), c("c")], 34);
    expect(d).toEqual({ drain: ["a"], undrain: [], heldBack: ["b"] });
  });
  it("counts what it already drained against the cap, and undrains recovered ones", () => {
    const pool = [
      c("a", { adminState: "DRAIN", autoDrained: true, health: "DOWN" }),
      c("b", { health: "DOWN" }),
      c("c", { adminState: "DRAIN", autoDrained: true, health: "UP" }),
    ];
    expect(decideAutoDrain(pool, 34)).toEqual({ drain: [], undrain: ["c"], heldBack: ["b"] });
  });
  it("leaves operator drains, maintenance and degraded instances alone", () => {
    const pool = [c("a", { adminState: "DRAIN", health: "UP" }), c("b", { health: "DOWN", inMaintenance: true }), c("d", { health: "DEGRADED" })];
    expect(decideAutoDrain(pool, 100)).toEqual({ drain: [], undrain: [], heldBack: [] });
  });
});

describe("auto-failover", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  const base = { enabled: true, afterSec: 30, cooldownSec: 300, downSince: ago(40), lastFailoverAt: null, running: false };
  it("goes when the active pool has been down longer than the threshold", () => {
    expect(decideAutoFailover(base, now)).toEqual({ go: true, why: "the active pool has had no healthy instance for 40 s (threshold 30 s)" });
  });
  it("waits for the threshold, respects the cooldown, a running failover and the switch", () => {
    expect(decideAutoFailover({ ...base, downSince: ago(10) }, now)).toEqual({ go: false, why: "down 10 s of 30 s" });
    expect(decideAutoFailover({ ...base, lastFailoverAt: ago(100) }, now)).toEqual({ go: false, why: "cooldown: last failover 100 s ago (cooldown 300 s)" });
    expect(decideAutoFailover({ ...base, running: true }, now).go).toBe(false);
    expect(decideAutoFailover({ ...base, enabled: false }, now).go).toBe(false);
    expect(decideAutoFailover({ ...base, downSince: null }, now).go).toBe(false);
    expect(decideAutoFailover({ ...base, lastFailoverAt: ago(301) }, now).go).toBe(true);
  });
});
