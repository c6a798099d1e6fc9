import { describe, expect, it } from "vitest";
import { isForceable, planFailover, preflight, preflightReason, rollbackOf, type PlanInstance, type PlanPool } from "@/lib/failover/plan";
import { checkFailover, drainWouldStrand } from "@/lib/failover/verify";
import { restoreSet } from "@/lib/failover/last-move";
import type { ServerSnapshot } from "@/lib/balancer/haproxy/snapshot";

const inst = (name: string, o: Partial<PlanInstance> = {}): PlanInstance => ({
  id: name,
  name,
  weight: 100,
  adminState: "READY",
  health: "UP",
  linked: true,
  ...o,
});
const pool = (name: string, instances: PlanInstance[]): PlanPool => ({ id: name, name, instances });

describe("failover pre-flight", () => {
  const blue = pool("blue", [inst("b1"), inst("b2"), inst("b3")]);
  it("passes with a healthy, weighty target", () => {
    expect(preflight(blue, pool("green", [inst("g1"), inst("g2")]))).toEqual([]);
  });
  it("refuses a target with no healthy instance, forceably", () => {
    const reasons = preflight(blue, pool("green", [inst("g1", { health: "DOWN" }), inst("g2", { health: "UNKNOWN" })]));
    expect(reasons).toEqual([{ code: "NO_HEALTHY_INSTANCE", message: "green has no healthy instance (0 of 2 up)", forceable: true }]);
    expect(isForceable(reasons)).toBe(true);
  });
  it("refuses a target too light for the source's load (weights count, MAINT does not)", () => {
    expect(preflight(blue, pool("green", [inst("g1", { weight: 100 }), inst("g2", { adminState: "MAINT" })]))).toEqual([
      { code: "LOW_TARGET_WEIGHT", message: "green's healthy weight 100 is below 50 % of blue's serving weight 300 (needs 150)", forceable: true },
    ]);
  });
  it("refuses unlinked instances and the active pool itself, and force cannot override those", () => {
    const reasons = preflight(blue, pool("green", [inst("g1", { linked: false }), inst("g2")]));
    expect(reasons).toEqual([{ code: "NOT_LINKED", message: "not linked to a balancer: g1", forceable: false }]);
    expect(isForceable(reasons)).toBe(false);
    expect(isForceable(preflight(blue, blue))).toBe(false);
    expect(preflight(blue, blue)).toMatchObject([{ code: "ALREADY_ACTIVE" }]);
    expect(preflight(blue, pool("green", []))).toMatchObject([{ code: "NO_INSTANCES", forceable: false }]);
    // One reason force cannot override blocks it, however many it could.
    const mixed = preflight(blue, pool("green", [inst("g1", { health: "DOWN", linked: false })]));
    expect(mixed.map((r) => r.code)).toEqual(["NO_HEALTHY_INSTANCE", "NOT_LINKED"]);
    expect(isForceable(mixed)).toBe(false);
    expect(isForceable([preflightReason("BALANCER_ERROR", "HAProxy unix:/run/haproxy.sock unreachable: ECONNREFUSED")])).toBe(false);
  });
});

describe("failover plan", () => {
  it("readies every target (weight 0 gets the default), then drains serving sources, then verifies", () => {
    const steps = planFailover(
      pool("blue", [inst("b1"), inst("b2", { adminState: "MAINT" })]),
      pool("green", [inst("g1", { weight: 0, adminState: "DRAIN" }), inst("g2", { weight: 50 }), inst("g3", { adminState: "MAINT" })]),
    );
    expect(steps.map((s) => s.name)).toEqual(["Ready g1 at weight 100", "Ready g2 at weight 50", "Drain b1", "Verify on HAProxy: green serving, blue drained"]);
    expect(steps[0]).toMatchObject({ to: { weight: 100, adminState: "READY" }, before: { weight: 0, adminState: "DRAIN" } });
    expect(rollbackOf(steps.slice(0, 3)).map((s) => s.name)).toEqual(["Drain b1", "Ready g2 at weight 50", "Ready g1 at weight 100"]);
  });

  it("re-arms drained sources that are HAProxy backups after verifying (a fail-back to the non-backup pool)", () => {
    const steps = planFailover(
      pool("green", [inst("g1", { backup: true }), inst("g2", { backup: true, adminState: "DRAIN" })]),
      pool("blue", [inst("b1", { adminState: "DRAIN" })]),
    );
    expect(steps.map((s) => s.name)).toEqual([
      "Ready b1 at weight 100",
      "Drain g1",
      "Verify on HAProxy: blue serving, green drained",
      "Re-arm g1 as a HAProxy backup",
    ]);
    expect(steps[3]).toMatchObject({ kind: "READY", to: { adminState: "READY", weight: 100 } });
  });
});

describe("moving back", () => {
  it("readies only what the last failover drained", () => {
    const blue = pool("blue", [inst("b1", { adminState: "DRAIN" }), inst("b2", { adminState: "DRAIN" }), inst("b3", { adminState: "DRAIN" })]);
    const steps = planFailover(pool("green", [inst("g1")]), blue, { onlyReady: new Set(["b1", "b3"]) });
    expect(steps.filter((s) => s.kind === "READY").map((s) => s.instance)).toEqual(["b1", "b3"]);
  });
  it("is a move back only right after a failover from that pool", () => {
    const last = { kind: "FAILOVER" as const, fromPoolId: "blue", toPoolId: "green", drained: ["b1"] };
    expect(restoreSet(last, "green", "blue")).toEqual(new Set(["b1"]));
    expect(restoreSet(last, "green", "other")).toBeUndefined();
    expect(restoreSet({ ...last, kind: "FAILBACK" }, "green", "blue")).toBeUndefined();
    expect(restoreSet(null, "green", "blue")).toBeUndefined();
  });
});

describe("failover verification", () => {
  const snap = (server: string, o: Partial<ServerSnapshot>): [string, ServerSnapshot] => [
    `shop/${server}`,
    {
      backend: "shop",
      server,
      address: "",
      backup: false,
      status: "UP",
      weight: 100,
      adminState: "READY",
      serving: true,
      checkStatus: "L7OK",
      checkCode: "200",
      checkDetail: "",
      sessions: 0,
      selectedTotal: 0,
      responses5xx: 0,
      lastChangeSec: 0,
      ...o,
    },
  ];
  const t = (server: string) => ({ name: server, backend: "shop", server });
  it("needs a serving target and every source drained", () => {
    const done = new Map([snap("g1", {}), snap("b1", { adminState: "DRAIN", serving: false, sessions: 2 })]);
    expect(checkFailover(done, [t("g1")], [t("b1")])).toEqual({
      ok: true,
      message: "1/1 target server(s) serving (g1), 1 drained; 2 in-flight session(s) finishing on the drained servers",
    });
    const notYet = new Map([snap("g1", { status: "DOWN", serving: false }), snap("b1", { adminState: "DRAIN" })]);
    expect(checkFailover(notYet, [t("g1")], [t("b1")])).toEqual({ ok: false, message: "no target server is serving yet (g1 DOWN)" });
    expect(checkFailover(new Map([snap("g1", {}), snap("b1", {})]), [t("g1")], [t("b1")]).message).toBe("still READY on HAProxy: b1");
  });
});

describe("failover from state, not from history", () => {
  const green = pool("green", [inst("g1"), inst("g2")]);
  it("a move back whose last failover drained nothing still readies the healthy target instances", () => {
    // The last *verified* failover drained nothing (an interrupted one drained blue): the
    // history-based set is empty, and a plan from it would drain green onto nothing.
    const blue = pool("blue", [inst("b1", { adminState: "DRAIN" }), inst("b2", { adminState: "DRAIN" }), inst("b3", { adminState: "DRAIN", health: "DOWN" })]);
    const steps = planFailover(green, blue, { onlyReady: new Set() });
    expect(steps.map((s) => s.name)).toEqual([
      "Ready b1 at weight 100",
      "Ready b2 at weight 100",
      "Drain g1",
      "Drain g2",
      "Verify on HAProxy: blue serving, green drained",
    ]);
    expect(preflight(green, blue, steps)).toEqual([]);
  });

  it("keeps an operator's drain when the restored set alone serves", () => {
    const blue = pool("blue", [inst("b1", { adminState: "DRAIN" }), inst("b2", { adminState: "DRAIN" })]);
    expect(planFailover(green, blue, { onlyReady: new Set(["b1"]) }).map((s) => s.name)).toEqual([
      "Ready b1 at weight 100",
      "Drain g1",
      "Drain g2",
      "Verify on HAProxy: blue serving, green drained",
    ]);
  });

  it("counts as capacity only what will be READY after the plan (drained instances are none)", () => {
    const blue = pool("blue", [inst("b1", { adminState: "DRAIN" }), inst("b2", { adminState: "DRAIN" }), inst("b3", { adminState: "DRAIN" })]);
    const steps = planFailover(pool("green", [inst("g1"), inst("g2"), inst("g3"), inst("g4")]), blue, { onlyReady: new Set(["b1"]) });
    expect(preflight(pool("green", [inst("g1"), inst("g2"), inst("g3"), inst("g4")]), blue, steps)).toEqual([
      { code: "LOW_TARGET_WEIGHT", message: "blue's healthy weight 100 is below 50 % of green's serving weight 400 (needs 200)", forceable: true },
    ]);
  });

  it("refuses, unforceably, a target whose only healthy instances are in maintenance", () => {
    const blue = pool("blue", [inst("b1", { adminState: "MAINT" }), inst("b2", { adminState: "DRAIN", health: "DOWN" })]);
    const reasons = preflight(green, blue, planFailover(green, blue));
    expect(reasons).toEqual([{ code: "TARGET_NOT_SERVING", message: "none of blue's 1 healthy instance(s) would serve: b1 MAINT", forceable: false }]);
    expect(isForceable(reasons)).toBe(false);
  });
});

describe("the drain invariant", () => {
  const snap = (entries: Array<[string, Partial<ServerSnapshot>]>) => new Map(entries.map(([k, v]) => [`be/${k}`, v as ServerSnapshot]));
  const t = (server: string) => ({ name: server, backend: "be", server });
  it("lets a drain go ahead while another server of the service serves", () => {
    expect(
      drainWouldStrand(
        snap([
          ["a1", { serving: true }],
          ["a2", { serving: true }],
        ]),
        t("a1"),
        [t("a1"), t("a2")],
      ),
    ).toBeNull();
  });
  it("refuses the drain of the last serving server, naming what the others are", () => {
    const s = snap([
      ["a1", { serving: false, status: "DRAIN" }],
      ["a2", { serving: true, status: "UP" }],
      ["b1", { serving: false, status: "DOWN" }],
    ]);
    expect(drainWouldStrand(s, t("a2"), [t("a1"), t("a2"), t("b1"), t("gone")])).toBe(
      "refused to drain a2: no other server of the service would be serving (a1 DRAIN, b1 DOWN, gone missing)",
    );
  });
});
