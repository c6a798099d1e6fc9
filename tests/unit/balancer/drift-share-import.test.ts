import { describe, expect, it } from "vitest";
import { changeOrder, describeDrift } from "@/lib/balancer/drift";
import { planImport, poolNameFor } from "@/lib/balancer/import-diff";
import { TrafficAccumulator } from "@/lib/balancer/traffic-rollup";
import { trafficShares } from "@/lib/balancer/traffic-share";
import { faultTypeFromHaproxy } from "@/lib/detection/haproxy-fault-type";

describe("drift", () => {
  it("names what differs, or nothing", () => {
    expect(describeDrift({ weight: 100, adminState: "READY" }, { weight: 100, adminState: "READY" })).toBeNull();
    expect(describeDrift({ weight: 100, adminState: "READY" }, { weight: 7, adminState: "DRAIN" })).toBe(
      "weight: wanted 100, HAProxy has 7; state: wanted READY, HAProxy has DRAIN",
    );
  });

  it("orders changes so no request is dropped: weight before READY, DRAIN before weight", () => {
    expect(changeOrder({ weight: 50, adminState: "READY" })).toEqual(["weight", "state"]);
    expect(changeOrder({ weight: 0, adminState: "DRAIN" })).toEqual(["state", "weight"]);
    expect(changeOrder({ weight: 0, adminState: "MAINT" })).toEqual(["state", "weight"]);
  });
});

describe("traffic shares", () => {
  const i = (id: string, role: "ACTIVE" | "STANDBY", weight: number, adminState: "READY" | "DRAIN" = "READY", health: "UP" | "DOWN" = "UP") => ({
    id,
    role,
    weight,
    adminState,
    health,
  });
  it("splits by weight among serving active instances; standby only when none can serve", () => {
    expect(Object.fromEntries(trafficShares([i("a", "ACTIVE", 100), i("b", "ACTIVE", 300), i("s", "STANDBY", 100)]))).toEqual({ a: 0.25, b: 0.75, s: 0 });
    expect(
      Object.fromEntries(
        trafficShares([i("a", "ACTIVE", 100, "DRAIN"), i("b", "ACTIVE", 100, "READY", "DOWN"), i("s", "STANDBY", 100), i("t", "STANDBY", 100)]),
      ),
    ).toEqual({ a: 0, b: 0, s: 0.5, t: 0.5 });
    expect(Object.fromEntries(trafficShares([i("a", "ACTIVE", 0)]))).toEqual({ a: 0 });
  });
});

describe("import plan", () => {
  const servers = [
    { backend: "shop", server: "s1", address: "10.0.0.1:80", backup: false },
    { backend: "shop", server: "s2", address: "10.0.0.2:80", backup: true },
    { backend: "cart", server: "s1", address: "10.0.1.1:80", backup: false },
  ];
  it("adds unlinked servers, backup ones to the STANDBY pool, names clashing servers with their backend", () => {
    const plan = planImport(servers, [], new Set(["s2"]), poolNameFor);
    expect(plan.added.map((a) => [a.instance, a.service, a.pool])).toEqual([
      ["s1", "shop", "shop-active"],
      ["shop-s2", "shop", "shop-standby"],
      ["cart-s1", "cart", "cart-active"],
    ]);
    expect(plan).toMatchObject({ removed: [], unchanged: 0 });
  });

  it("a re-import shows only what changed: a removed server and a new one", () => {
    const linked = [
      { instanceId: "i1", instance: "s1", backend: "shop", server: "s1" },
      { instanceId: "i9", instance: "old", backend: "shop", server: "gone" },
    ];
    const plan = planImport(servers.slice(0, 2), linked, new Set(["s1", "old"]), poolNameFor);
    expect(plan.added.map((a) => a.instance)).toEqual(["s2"]);
    expect(plan.removed.map((r) => r.instance)).toEqual(["old"]);
    expect(plan.unchanged).toBe(1);
    expect(planImport(servers, [], new Set(["s1", "shop-s1", "cart-s1"]), poolNameFor).added.map((a) => a.instance)).toEqual(["shop-s1-2", "s2", "cart-s1-2"]);
  });
});

describe("traffic accumulator", () => {
  it("turns cumulative counters into 5 s buckets; a counter reset (reload) counts from zero", () => {
    const acc = new TrafficAccumulator(5_000);
    acc.add("x", 1_000, { selected: 100, errors: 1, sessions: 0, weight: 100 });
    acc.add("x", 2_000, { selected: 110, errors: 1, sessions: 3, weight: 100 });
    acc.add("x", 4_000, { selected: 130, errors: 2, sessions: 1, weight: 100 });
    acc.add("x", 6_000, { selected: 5, errors: 0, sessions: 0, weight: 50 });
    expect(acc.takeClosed(6_000)).toEqual([{ instanceId: "x", at: 0, requests: 30, errors5xx: 1, sessionsMax: 3, weight: 100 }]);
    expect(acc.takeClosed(10_000)).toEqual([{ instanceId: "x", at: 5_000, requests: 5, errors5xx: 0, sessionsMax: 0, weight: 50 }]);
    expect(acc.takeClosed(20_000)).toEqual([]);
  });
});

describe("fault type from HAProxy's check status", () => {
  it("maps layer 4/6/7 results to the poller's classes", () => {
    expect(faultTypeFromHaproxy("L4CON", "Connection refused")).toBe("CONNECTION_REFUSED");
    expect(faultTypeFromHaproxy("L4TOUT", "")).toBe("TIMEOUT");
    expect(faultTypeFromHaproxy("L7TOUT", "")).toBe("TIMEOUT");
    expect(faultTypeFromHaproxy("L6RSP", "")).toBe("TLS");
    expect(faultTypeFromHaproxy("L7STS", "")).toBe("HTTP_STATUS");
    expect(faultTypeFromHaproxy("HANA", "")).toBe("BALANCER_REPORTED");
  });
});
