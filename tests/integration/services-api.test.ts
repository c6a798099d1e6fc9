import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listServiceTree } from "@/lib/services/list-services";
import { seedFleet } from "@/dev/demo/seed";
import { loadFleetFile, type FleetFile } from "@/dev/fleet-sim/fleet-file";
import { freshDatabase, type TestDatabase } from "../support/databases";

// The same behaviour on the embedded PostgreSQL 18 and on the oldest supported server (15).
describe.each([
  ["embedded PostgreSQL 18", "pg18AdminUrl"],
  ["Debian PostgreSQL 15", "pg15AdminUrl"],
] as const)("inventory on %s", (label, key) => {
  let t: TestDatabase;
  let fleet: FleetFile;

  beforeAll(async () => {
    t = await freshDatabase(inject(key), `services_${key}`);
    fleet = await loadFleetFile("scripts/demo-fleet.yaml");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("seeds the demo fleet once, and a second seed creates nothing and keeps operator changes", async () => {
    const first = await seedFleet(t.prisma, fleet, { name: "lb", runtimeApi: "unix:/tmp/x.sock", serverStateFile: "/tmp/state" });
    expect(first).toMatchObject({ servicesCreated: 3, poolsCreated: 6, instancesCreated: 13 });

    await t.prisma.instance.update({ where: { name: "checkout-blue-1" }, data: { desiredWeight: 42, desiredAdminState: "DRAIN" } });
    const second = await seedFleet(t.prisma, fleet, { name: "lb", runtimeApi: "unix:/tmp/x.sock", serverStateFile: "/tmp/state" });
    expect(second).toEqual({ servicesCreated: 0, poolsCreated: 0, instancesCreated: 0, instancesUpdated: 0 });

    const kept = await t.prisma.instance.findUniqueOrThrow({ where: { name: "checkout-blue-1" } });
    expect(kept).toMatchObject({ desiredWeight: 42, desiredAdminState: "DRAIN", haproxyBackend: "checkout", haproxyServer: "checkout-blue-1" });
    expect(await t.prisma.instance.count()).toBe(13);
  });

  it("lists services → pools → instances with derived states", async () => {
    const page = await listServiceTree(t.prisma, { limit: 100 });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((s) => s.name)).toEqual(["accounts", "catalog", "checkout"]);
    const checkout = page.items.find((s) => s.name === "checkout")!;
    expect(checkout.pools.map((p) => [p.name, p.role])).toEqual([
      ["checkout-blue", "ACTIVE"],
      ["checkout-green", "STANDBY"],
    ]);
    const blue1 = checkout.pools[0]!.instances.find((i) => i.name === "checkout-blue-1")!;
    expect(blue1).toMatchObject({ address: "127.0.0.1:18101", role: "ACTIVE", state: "DRAIN", weight: 42 });
    expect(checkout.state).toBe("UNKNOWN"); // nothing checked yet
  });

  it("derives DEGRADED and DOWN from what would serve: the active pool, then its HAProxy backups", async () => {
    const set = (names: string[], health: "UP" | "DOWN") => t.prisma.instance.updateMany({ where: { name: { in: names } }, data: { observedHealth: health } });
    await set(["catalog-eu1-1", "catalog-eu1-2", "catalog-eu2-1", "catalog-eu2-2"], "UP");
    await set(["catalog-eu1-1"], "DOWN");
    let catalog = (await listServiceTree(t.prisma, { limit: 100 })).items.find((s) => s.name === "catalog")!;
    expect(catalog.state).toBe("DEGRADED");

    await set(["catalog-eu1-2"], "DOWN");
    catalog = (await listServiceTree(t.prisma, { limit: 100 })).items.find((s) => s.name === "catalog")!;
    expect(catalog.pools.map((p) => p.state)).toEqual(["DOWN", "UP"]);
    // The standby pool's servers are HAProxy backups on the same backend: they serve.
    expect(catalog.state).toBe("DEGRADED");
    expect(catalog.stateReason).toBe("The active pool catalog-eu1 serves nothing; HAProxy's backup servers of catalog-eu2 serve (2/2)");

    await set(["catalog-eu2-1", "catalog-eu2-2"], "DOWN");
    catalog = (await listServiceTree(t.prisma, { limit: 100 })).items.find((s) => s.name === "catalog")!;
    expect(catalog.state).toBe("DOWN");
    expect(catalog.stateReason).toBe("No instance serving (4 that could): 4 DOWN");
  });

  it("pages with an opaque cursor, visiting every service exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listServiceTree(t.prisma, { limit: 1, cursor });
      seen.push(...page.items.map((s) => s.name));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["accounts", "catalog", "checkout"]);
    await expect(listServiceTree(t.prisma, { limit: 1, cursor: "!!" })).rejects.toMatchObject({ code: "VALIDATION", field: "cursor" });
  });

  it("carries each instance's newest unresolved fault, open-fault counts and active maintenance", async () => {
    const inst = await t.prisma.instance.findUniqueOrThrow({ where: { name: "accounts-primary-1" }, include: { pool: true } });
    const serviceId = inst.pool.serviceId;
    const now = Date.now();
    const fault = (n: number, status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED", instanceId: string | null) =>
      t.prisma.fault.create({
        data: {
          type: "HTTP_STATUS",
          status,
          serviceId,
          instanceId,
          startedAt: new Date(now - 60_000),
          detectedAt: new Date(now),
          cause: `cause ${n}`,
          source: "POLLER",
          fingerprint: `test:${key}:${n}`,
        },
      });
    await fault(1, "ACKNOWLEDGED", inst.id);
    const newest = await fault(2, "OPEN", inst.id);
    await fault(3, "RESOLVED", inst.id);
    await fault(4, "OPEN", null); // service-level: counted for the service, on no tile

    const ids = async (names: string[]) => (await t.prisma.instance.findMany({ where: { name: { in: names } } })).map((i) => i.id);
    const catalog = await t.prisma.service.findUniqueOrThrow({ where: { name: "catalog" } });
    const [accounts2] = await ids(["accounts-primary-2"]);
    const [checkout2, checkout3] = await ids(["checkout-blue-2", "checkout-blue-3"]);
    const window = (m: { serviceId?: string; instanceId?: string; startsAt?: number; cancelled?: boolean }) =>
      t.prisma.maintenanceWindow.create({
        data: {
          serviceId: m.serviceId ?? null,
          instanceId: m.instanceId ?? null,
          startsAt: new Date(m.startsAt ?? now - 60_000),
          endsAt: new Date(now + 3_600_000),
          reason: "test",
          createdBy: "test",
          cancelledAt: m.cancelled ? new Date(now) : null,
        },
      });
    await window({ serviceId: catalog.id });
    await window({ instanceId: accounts2 });
    await window({ instanceId: checkout2, cancelled: true });
    await window({ instanceId: checkout3, startsAt: now + 600_000 }); // upcoming, not active yet

    const items = (await listServiceTree(t.prisma, { limit: 100 })).items;
    const byName = (n: string) => items.find((s) => s.name === n)!;
    const instance = (n: string) => items.flatMap((s) => s.pools.flatMap((p) => p.instances)).find((i) => i.name === n)!;
    expect(instance("accounts-primary-1").openFault).toEqual({ id: newest.id, key: `F-${newest.number}`, type: "HTTP_STATUS", cause: "cause 2" });
    expect(instance("accounts-primary-2").openFault).toBeNull();
    expect(byName("accounts")).toMatchObject({ openFaults: 3, inMaintenance: false });
    expect(byName("checkout")).toMatchObject({ openFaults: 0, inMaintenance: false });
    // A service window puts every one of its instances in maintenance.
    expect(byName("catalog").inMaintenance).toBe(true);
    expect(
      byName("catalog")
        .pools.flatMap((p) => p.instances)
        .every((i) => i.inMaintenance),
    ).toBe(true);
    expect(instance("accounts-primary-2").inMaintenance).toBe(true);
    expect(instance("accounts-primary-1").inMaintenance).toBe(false);
    expect(instance("checkout-blue-2").inMaintenance).toBe(false); // cancelled
    expect(instance("checkout-blue-3").inMaintenance).toBe(false); // not started
  });

  it(`${label}: rejects a weight outside 0–256 at the database too`, async () => {
    await expect(t.prisma.instance.update({ where: { name: "catalog-eu1-1" }, data: { desiredWeight: 300 } })).rejects.toThrow();
  });
});
