import { describe, expect, it } from "vitest";
import { serviceHealth, type HealthInstance } from "@/lib/status/service-health";

const inst = (name: string, o: Partial<HealthInstance> = {}): HealthInstance => ({
  name,
  role: name.startsWith("a") ? "ACTIVE" : "STANDBY",
  poolName: name.startsWith("a") ? "shop-a" : "shop-b",
  enabled: true,
  adminState: "READY",
  observedAdminState: "READY",
  health: "UP",
  haproxyStatus: "UP",
  haproxyBackend: "shop",
  ...o,
});
const down = { health: "DOWN", haproxyStatus: "DOWN" } as const;

describe("serviceHealth: what clients get", () => {
  it("UP when the active pool serves fully; DEGRADED with a count when partly", () => {
    expect(serviceHealth([inst("a-1"), inst("a-2"), inst("b-1")])).toMatchObject({ state: "UP", reason: null, servingActive: 2, servingBackup: 1 });
    expect(serviceHealth([inst("a-1"), inst("a-2", down), inst("b-1")])).toMatchObject({ state: "DEGRADED", reason: "1/2 active instances serving" });
  });

  it("primaries down with HAProxy backups serving: DEGRADED, naming the standby pool — not DOWN", () => {
    const h = serviceHealth([inst("a-1", down), inst("a-2", down), inst("b-1"), inst("b-2", down)]);
    expect(h).toMatchObject({ state: "DEGRADED", servingActive: 0, servingBackup: 1 });
    expect(h.reason).toBe("The active pool shop-a serves nothing; HAProxy's backup servers of shop-b serve (1/2)");
  });

  it("a standby pool on another backend is no backup: the active pool down is DOWN", () => {
    expect(serviceHealth([inst("a-1", down), inst("b-1", { haproxyBackend: "shop-dr" })])).toMatchObject({ state: "DOWN", candidates: 1 });
  });

  it("every instance drained or in maintenance is an outage, whatever the checks say", () => {
    const h = serviceHealth([inst("a-1", { adminState: "DRAIN" }), inst("a-2", { observedAdminState: "DRAIN" }), inst("b-1", { adminState: "MAINT" })]);
    expect(h).toMatchObject({ state: "DOWN", outOfRotation: ["a-1", "a-2", "b-1"], candidates: 3 });
    expect(h.reason).toBe("No instance serving (3 that could): 3 instances drained or in maintenance");
    const mixed = serviceHealth([inst("a-1", { adminState: "DRAIN" }), inst("a-2", down)]);
    expect(mixed.reason).toBe("No instance serving (2 that could): 1 instance drained or in maintenance, 1 DOWN");
  });

  it("HAProxy's word counts for linked servers (a passing TCP check on a broken app still serves), the poller's DOWN too", () => {
    expect(serviceHealth([inst("a-1", { health: "DOWN", haproxyStatus: "UP" })]).state).toBe("DOWN");
    expect(serviceHealth([inst("a-1", { health: "UNKNOWN", haproxyStatus: "UP" })]).state).not.toBe("DOWN");
    expect(serviceHealth([inst("a-1", { health: "UNKNOWN", haproxyStatus: "no check" })]).servingActive).toBe(1);
    expect(serviceHealth([inst("a-1", { health: "UP", haproxyStatus: "DOWN" })]).state).toBe("DOWN");
  });

  it("UNKNOWN before anything was seen; disabled instances do not count", () => {
    expect(serviceHealth([inst("a-1", { health: "UNKNOWN", haproxyStatus: null, observedAdminState: null })]).state).toBe("UNKNOWN");
    expect(serviceHealth([]).state).toBe("UNKNOWN");
    expect(serviceHealth([inst("a-1"), inst("a-2", { enabled: false, ...down })]).state).toBe("UP");
  });
});
