import { describe, expect, it } from "vitest";
import { instanceStatus, poolStatus, serviceStatus, type Status } from "@/lib/status/status";

describe("instanceStatus", () => {
  it("follows observed health while the instance is READY", () => {
    for (const health of ["UNKNOWN", "UP", "DEGRADED", "DOWN"] as const) {
      expect(instanceStatus("READY", health)).toBe(health);
    }
  });

  it("shows the operator's DRAIN or MAINT whatever the health", () => {
    for (const health of ["UNKNOWN", "UP", "DEGRADED", "DOWN"] as const) {
      expect(instanceStatus("DRAIN", health)).toBe("DRAIN");
      expect(instanceStatus("MAINT", health)).toBe("MAINT");
    }
  });
});

describe("poolStatus", () => {
  const cases: Array<[string, Status[], Status]> = [
    ["no instances", [], "UNKNOWN"],
    ["every instance UP", ["UP", "UP", "UP"], "UP"],
    ["one UP instance", ["UP"], "UP"],
    ["every instance DOWN", ["DOWN", "DOWN"], "DOWN"],
    ["some UP, some DOWN", ["UP", "DOWN", "UP"], "DEGRADED"],
    ["a DEGRADED instance among UP ones", ["UP", "DEGRADED"], "DEGRADED"],
    ["only DEGRADED instances (they still serve)", ["DEGRADED", "DEGRADED"], "DEGRADED"],
    ["DEGRADED and DOWN", ["DEGRADED", "DOWN"], "DEGRADED"],
    ["no check concluded yet", ["UNKNOWN", "UNKNOWN"], "UNKNOWN"],
    ["UP while another is still UNKNOWN", ["UP", "UNKNOWN"], "DEGRADED"],
    ["DOWN while another is still UNKNOWN (nothing known to serve)", ["DOWN", "UNKNOWN"], "UNKNOWN"],
    ["UP with the rest drained or in maintenance", ["UP", "DRAIN", "MAINT"], "UP"],
    ["DOWN with the rest in maintenance", ["DOWN", "MAINT"], "DOWN"],
    ["UNKNOWN with the rest drained", ["UNKNOWN", "DRAIN"], "UNKNOWN"],
    ["every instance drained", ["DRAIN", "DRAIN"], "DRAIN"],
    ["every instance in maintenance", ["MAINT", "MAINT"], "MAINT"],
    ["drained and maintenance instances only", ["MAINT", "DRAIN"], "DRAIN"],
  ];
  it.each(cases)("%s → %s", (_what, statuses, expected) => {
    expect(poolStatus(statuses)).toBe(expected);
  });

  it("does not count drained or maintenance instances against the pool", () => {
    expect(poolStatus(["UP", "UP"])).toBe("UP");
    expect(poolStatus(["UP", "UP", "DRAIN"])).toBe("UP");
    expect(poolStatus(["UP", "UP", "MAINT", "MAINT"])).toBe("UP");
    // Whereas a DOWN instance in rotation does.
    expect(poolStatus(["UP", "UP", "DOWN"])).toBe("DEGRADED");
  });

  it("does not depend on the order of the instances", () => {
    expect(poolStatus(["DOWN", "UP"])).toBe(poolStatus(["UP", "DOWN"]));
    expect(poolStatus(["UNKNOWN", "DOWN"])).toBe(poolStatus(["DOWN", "UNKNOWN"]));
    expect(poolStatus(["DRAIN", "MAINT"])).toBe(poolStatus(["MAINT", "DRAIN"]));
  });
});

describe("serviceStatus", () => {
  it("is UNKNOWN without an ACTIVE pool", () => {
    expect(serviceStatus([])).toBe("UNKNOWN");
  });

  it("is the status of its only ACTIVE pool", () => {
    for (const s of ["UP", "DEGRADED", "DOWN", "UNKNOWN", "DRAIN", "MAINT"] as const) {
      expect(serviceStatus([s])).toBe(s);
    }
  });

  it("combines several ACTIVE pools like instances of one pool", () => {
    expect(serviceStatus(["UP", "UP"])).toBe("UP");
    expect(serviceStatus(["UP", "DOWN"])).toBe("DEGRADED");
    expect(serviceStatus(["DOWN", "DOWN"])).toBe("DOWN");
    expect(serviceStatus(["UP", "MAINT"])).toBe("UP");
    expect(serviceStatus(["UNKNOWN", "UNKNOWN"])).toBe("UNKNOWN");
    expect(serviceStatus(["MAINT", "MAINT"])).toBe("MAINT");
  });
});
