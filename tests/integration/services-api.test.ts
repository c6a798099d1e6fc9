import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listServiceTree } from "@/lib/db/services";
import { seedFleet } from "@/lib/demo/seed";
import { loadFleetFile, type FleetFile } from "@/lib/fleet-sim/fleet-file";
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

  it("derives DEGRADED and DOWN from observed health of the active pool only", async () => {
    const set = (names: string[], health: "UP" | "DOWN") =>
      t.prisma.instance.updateMany({ where: { name: { in: names } }, data: { observedHealth: health } });
    await set(["catalog-eu1-1", "catalog-eu1-2", "catalog-eu2-1", "catalog-eu2-2"], "UP");
    await set(["catalog-eu1-1"], "DOWN");
    let catalog = (await listServiceTree(t.prisma, { limit: 100 })).items.find((s) => s.name === "catalog")!;
    expect(catalog.state).toBe("DEGRADED");

    await set(["catalog-eu1-2"], "DOWN");
    catalog = (await listServiceTree(t.prisma, { limit: 100 })).items.find((s) => s.name === "catalog")!;
    expect(catalog.pools.map((p) => p.state)).toEqual(["DOWN", "UP"]);
    expect(catalog.state).toBe("DOWN");
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

  it(`${label}: rejects a weight outside 0–256 at the database too`, async () => {
    await expect(t.prisma.instance.update({ where: { name: "catalog-eu1-1" }, data: { desiredWeight: 300 } })).rejects.toThrow();
  });
});
