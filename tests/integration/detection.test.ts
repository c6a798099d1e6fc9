import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { seedFleet } from "@/dev/demo/seed";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet, type FleetFile } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";
import { startPoller, type RunningPoller } from "@/lib/poller/poller";
import { freshDatabase, type TestDatabase } from "../support/databases";

/** Poll `fn` until it returns a truthy value (bounded). */
async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const openFaultOf = (db: Db, name: string) => db.fault.findFirst({ where: { instance: { name }, status: { not: "RESOLVED" } }, include: { events: true } });

describe("health polling → fault records (real fleet simulator, real PostgreSQL 18)", () => {
  let t: TestDatabase;
  let fleet: RunningFleet;
  let poller: RunningPoller;
  let spec: FleetFile;

  beforeAll(async () => {
    t = await freshDatabase(inject("pg18AdminUrl"), "detection");
    const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
    spec = parseFleet({
      services: [
        {
          name: "pay",
          pools: [
            {
              name: "pay-a",
              role: "ACTIVE",
              instances: [
                { name: "pay-a-1", port: ports[0] },
                { name: "pay-a-2", port: ports[1] },
              ],
            },
            { name: "pay-b", role: "STANDBY", instances: [{ name: "pay-b-1", port: ports[2] }] },
          ],
        },
        {
          name: "cart",
          pools: [
            {
              name: "cart-a",
              role: "ACTIVE",
              instances: [
                { name: "cart-a-1", port: ports[3] },
                { name: "cart-a-2", port: ports[4] },
              ],
            },
          ],
        },
      ],
    });
    fleet = await startFleet({ fleet: spec, controlPort: 0 });
    await seedFleet(t.prisma, spec);
    // Fast checks so the test takes seconds: every second, fall 2 / rise 2, 500 ms timeout.
    await t.prisma.instance.updateMany({ data: { checkIntervalMs: 1000, checkTimeoutMs: 500 } });
    poller = await startPoller(t.prisma, { refreshMs: 500, flap: { transitions: 4, windowMs: 60_000 } });
    await eventually(async () => (await t.prisma.instance.count({ where: { observedHealth: "UP" } })) === 5, 10_000, "all instances UP");
  });

  afterAll(async () => {
    await poller?.stop();
    await fleet?.stop();
    await t?.drop();
  });

  it("down → one HTTP_STATUS fault whose cause names the 503; up → resolved with a written resolution", async () => {
    const chaosAt = Date.now();
    await fleet.setChaos("pay-a-1", { mode: "down" });
    const fault = await eventually(() => openFaultOf(t.prisma, "pay-a-1"), 10_000, "a fault for pay-a-1");
    expect(fault.type).toBe("HTTP_STATUS");
    expect(fault.cause).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/healthz → 503 Service Unavailable in \d+ ms \(2 consecutive failures since \d\d:\d\d:\d\dZ\)/);
    expect(fault).toMatchObject({ status: "OPEN", severity: "SEV3", source: "POLLER" });
    expect(fault.startedAt.getTime()).toBeGreaterThanOrEqual(chaosAt - 1000);
    expect(fault.startedAt.getTime()).toBeLessThan(fault.detectedAt.getTime());
    expect(fault.events.map((e) => e.kind)).toEqual(["OPENED"]);

    await fleet.setChaos("pay-a-1", { mode: "up" });
    const resolved = await eventually(
      () => t.prisma.fault.findFirst({ where: { id: fault.id, status: "RESOLVED" }, include: { events: true } }),
      10_000,
      "resolution",
    );
    expect(resolved.resolution).toMatch(/^Recovered: 2 consecutive passing checks \(HTTP 200 in \d+ ms\) at \d\d:\d\d:\d\dZ; down \d+ s/);
    expect(resolved.resolvedBy).toBe("poller");
    expect(resolved.events.map((e) => e.kind)).toEqual(["OPENED", "RESOLVED"]);
    expect(await t.prisma.fault.count({ where: { instance: { name: "pay-a-1" } } })).toBe(1);
  });

  it("refuse → CONNECTION_REFUSED; slow beyond the timeout → TIMEOUT", async () => {
    await fleet.setChaos("cart-a-1", { mode: "refuse" });
    await fleet.setChaos("cart-a-2", { mode: "slow", latencyMs: 1500 });
    const refused = await eventually(() => openFaultOf(t.prisma, "cart-a-1"), 10_000, "refused fault");
    const slow = await eventually(() => openFaultOf(t.prisma, "cart-a-2"), 10_000, "timeout fault");
    expect(refused.type).toBe("CONNECTION_REFUSED");
    expect(refused.cause).toMatch(/connection refused/);
    expect(slow.type).toBe("TIMEOUT");
    expect(slow.cause).toMatch(/timed out after 500 ms/);
  });

  it("when the whole active pool is down: one SEV1 service fault with the instance faults grouped under it", async () => {
    const service = await eventually(
      () => t.prisma.fault.findFirst({ where: { service: { name: "cart" }, instanceId: null, status: { not: "RESOLVED" } }, include: { children: true } }),
      10_000,
      "service fault",
    );
    expect(service).toMatchObject({ type: "SERVICE_DOWN", severity: "SEV1" });
    expect(service.cause).toBe("No instance serving (2 that could): 2 DOWN");
    await eventually(async () => (await t.prisma.fault.count({ where: { parentId: service.id } })) === 2, 5_000, "children grouped");

    await fleet.setChaos("cart-a-1", { mode: "up" });
    await fleet.setChaos("cart-a-2", { mode: "up" });
    const closed = await eventually(() => t.prisma.fault.findFirst({ where: { id: service.id, status: "RESOLVED" } }), 10_000, "service fault resolved");
    expect(closed.resolution).toMatch(/^Serving again at \S+: (1\/2 active instances serving|the active pool serves)$/);
    await eventually(
      async () => (await t.prisma.fault.count({ where: { service: { name: "cart" }, status: { not: "RESOLVED" } } })) === 0,
      10_000,
      "cart faults resolved",
    );
    expect(await t.prisma.fault.count({ where: { service: { name: "cart" }, instanceId: null } })).toBe(1);
  });

  it("flapping → one fault, marked flapping, whose timeline counts the flaps", async () => {
    await fleet.setChaos("pay-b-1", { mode: "flap", periodMs: 2500 });
    await eventually(
      async () => (await t.prisma.fault.findFirst({ where: { instance: { name: "pay-b-1" }, flapping: true } })) ?? null,
      25_000,
      "flapping fault",
    );
    await fleet.setChaos("pay-b-1", { mode: "up" });
    const faults = await t.prisma.fault.findMany({ where: { instance: { name: "pay-b-1" } }, include: { events: true } });
    expect(faults).toHaveLength(1);
    expect(faults[0]!.severity).toBe("SEV4"); // standby pool
    expect(faults[0]!.flapCount).toBeGreaterThanOrEqual(1);
    expect(faults[0]!.events.filter((e) => e.kind === "FLAP" || e.kind === "REOPENED").length).toBeGreaterThanOrEqual(2);
  });

  it("in a maintenance window: health still changes, but no fault opens", async () => {
    const inst = await t.prisma.instance.findUniqueOrThrow({ where: { name: "pay-a-2" } });
    await t.prisma.maintenanceWindow.create({
      data: { instanceId: inst.id, startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 600_000), reason: "test", createdBy: "test" },
    });
    await poller.refresh();
    await fleet.setChaos("pay-a-2", { mode: "down" });
    await eventually(async () => (await t.prisma.instance.findUniqueOrThrow({ where: { id: inst.id } })).observedHealth === "DOWN", 10_000, "pay-a-2 DOWN");
    expect(await openFaultOf(t.prisma, "pay-a-2")).toBeNull();
    await fleet.setChaos("pay-a-2", { mode: "up" });
  });

  it("keeps raw samples and per-minute rollups, and publishes its figures", async () => {
    await eventually(async () => (await t.prisma.checkResult.count()) > 20, 10_000, "raw checks written");
    const failures = await t.prisma.checkResult.count({ where: { ok: false } });
    expect(failures).toBeGreaterThan(0);
    expect(await t.prisma.checkResult.count({ where: { stateChange: true } })).toBeGreaterThan(0);
    const f = poller.figures();
    expect(f).toMatchObject({ running: true, instances: 5 });
    expect(f.checksPerSecond).toBeGreaterThan(0);
    expect(f.lagP99Ms).toBeLessThan(1000);
  });
});
