import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFleet } from "@/dev/demo/seed";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";
import { startPoller, type RunningPoller } from "@/lib/poller/poller";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { eventually } from "../support/eventually";
import { startDebianPostgres15, type ThrowawayCluster } from "../support/debian-postgres";
import { makeTempDir, removeDir } from "../support/temp-dir";

// PostgreSQL mode: the operator's server restarts under a running poller.
describe("a PostgreSQL restart during polling", () => {
  let dir: string;
  let pg: ThrowawayCluster;
  let t: TestDatabase;
  let fleet: RunningFleet;
  let poller: RunningPoller;

  beforeAll(async () => {
    dir = await makeTempDir("pgrestart");
    pg = await startDebianPostgres15(dir);
    t = await freshDatabase(pg.adminUrl, "restart");
    const [p1, p2] = await Promise.all([freePort(), freePort()]);
    const spec = parseFleet({
      services: [
        {
          name: "api",
          pools: [
            {
              name: "api-a",
              role: "ACTIVE",
              instances: [
                { name: "api-1", port: p1 },
                { name: "api-2", port: p2 },
              ],
            },
          ],
        },
      ],
    });
    fleet = await startFleet({ fleet: spec, controlPort: 0 });
    await seedFleet(t.prisma, spec);
    await t.prisma.instance.updateMany({ data: { checkIntervalMs: 1000, checkTimeoutMs: 500 } });
    poller = await startPoller(t.prisma, { refreshMs: 500 });
    // Generous: CI runs this right after the kill -9 suites on a 2-core machine. On a miss, say what
    // the poller did see, so a slow start and a broken check read differently.
    await eventually("instances UP", async () => (await t.prisma.instance.count({ where: { observedHealth: "UP" } })) === 2, 30_000, 250).catch(
      async (e: Error) => {
        const checks = await t.prisma.checkResult.groupBy({ by: ["ok", "message"], _count: true });
        throw new Error(`${e.message}; poller ${JSON.stringify(poller.figures())}; checks ${JSON.stringify(checks)}`);
      },
    );
  });

  afterAll(async () => {
    await poller?.stop();
    await fleet?.stop();
    await t?.drop().catch(() => undefined);
    await pg?.stop();
    await removeDir(dir);
  });

  it("survives, catches up, and opens no duplicate fault", async () => {
    await fleet.setChaos("api-1", { mode: "down" });
    const fault = await eventually(
      "fault before restart",
      () => t.prisma.fault.findFirst({ where: { instance: { name: "api-1" }, status: "OPEN" } }),
      10_000,
      250,
    );

    await pg.stop();
    // While the database is away: api-2 goes down too (a transition to persist later), checks continue.
    await fleet.setChaos("api-2", { mode: "down" });
    await new Promise((r) => setTimeout(r, 4_000));
    expect(poller.figures().writeError).not.toBeNull();
    expect(poller.figures().queuedWrites).toBeGreaterThan(0);
    const backAt = new Date();
    await pg.start();

    // The queued transition lands, the writer drains, and api-1 still has exactly one open fault.
    const broken = await eventually(
      "api-2 fault after restart",
      () => t.prisma.fault.findFirst({ where: { instance: { name: "api-2" }, status: "OPEN" } }),
      30_000,
      250,
    );
    // Its times are the outage's, not the reconnect's: detected when the poller saw it (while the
    // database was away), started at its first failing check — as stored once the queue drained.
    expect(broken.detectedAt.getTime()).toBeLessThan(backAt.getTime());
    const lastOk = await t.prisma.checkResult.findFirst({ where: { instance: { name: "api-2" }, ok: true }, orderBy: { at: "desc" } });
    const firstFail = await eventually(
      "api-2's failing checks stored",
      () => t.prisma.checkResult.findFirst({ where: { instance: { name: "api-2" }, ok: false, at: { gt: lastOk!.at } }, orderBy: { at: "asc" } }),
      20_000,
      250,
    );
    expect(broken.startedAt.toISOString()).toBe(firstFail.at.toISOString());
    await eventually("writer drained", async () => poller.figures().queuedWrites === 0 && poller.figures().writeError === null, 20_000, 250);
    const open = await t.prisma.fault.findMany({ where: { instance: { name: "api-1" }, status: { not: "RESOLVED" } } });
    expect(open.map((f) => f.id)).toEqual([fault.id]);
    const during = await t.prisma.checkResult.count({ where: { at: { gte: new Date(Date.now() - 30_000) } } });
    expect(during).toBeGreaterThan(10); // samples taken while PostgreSQL was down were kept and written

    await fleet.setChaos("api-1", { mode: "up" });
    await fleet.setChaos("api-2", { mode: "up" });
    await eventually("all resolved", async () => (await t.prisma.fault.count({ where: { status: { not: "RESOLVED" } } })) === 0, 20_000, 250);
    const perFingerprint = await t.prisma.fault.groupBy({ by: ["fingerprint"], _count: true });
    expect(perFingerprint.every((g) => g._count === 1)).toBe(true);
  });
});
