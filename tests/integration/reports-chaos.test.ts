import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedFleet } from "@/dev/demo/seed";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";
import { startPoller, type RunningPoller } from "@/lib/poller/poller";
import { bucketMsFor } from "@/lib/reports/buckets";
import { bucketFaults, rollup, type FaultRecord } from "@/lib/reports/fault-stats";
import { instanceFigures } from "@/lib/reports/instances";
import { loadFaultRollup, loadInstanceFigures, loadReliabilityReport } from "@/lib/reports/load-reliability";
import { loadTimeline } from "@/lib/reports/load-timeline";
import { freshDatabase, type TestDatabase } from "../support/databases";

// The demo fleet's shape (one service, two active instances) under a scripted sequence of chaos
// with known down durations; the report must agree with the script within one check interval.

const INTERVAL_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe("reports against scripted chaos (fleet simulator, real poller, PostgreSQL 18)", () => {
  let t: TestDatabase;
  let fleet: RunningFleet;
  let poller: RunningPoller;

  beforeAll(async () => {
    t = await freshDatabase(inject("pg18AdminUrl"), "reports_chaos");
    const ports = await Promise.all([freePort(), freePort()]);
    const spec = parseFleet({
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
          ],
        },
      ],
    });
    fleet = await startFleet({ fleet: spec, controlPort: 0 });
    await seedFleet(t.prisma, spec);
    // Every second; fall 2 (startedAt is still the first failing check), rise 1 so a recovery
    // is recorded at the first passing check: both ends are then within one interval of the chaos.
    await t.prisma.instance.updateMany({ data: { checkIntervalMs: INTERVAL_MS, checkTimeoutMs: 500, checkRise: 1 } });
    // A short flap window so the second outage of pay-a-1 is a new fault, not a reopened one.
    poller = await startPoller(t.prisma, { refreshMs: 500, flap: { transitions: 10, windowMs: 1500 } });
    await eventually(async () => (await t.prisma.instance.count({ where: { observedHealth: "UP" } })) === 2, 10_000, "both instances UP");
  }, 30_000);

  afterAll(async () => {
    await poller?.stop();
    await fleet?.stop();
    await t?.drop();
  });

  it("availability and MTTR match the script", async () => {
    const from = Date.now();
    // 1. The whole active pool down for 4 s: a SERVICE_DOWN fault with both instance faults.
    await fleet.setChaos("pay-a-1", { mode: "down" });
    await fleet.setChaos("pay-a-2", { mode: "down" });
    await sleep(4000);
    await fleet.setChaos("pay-a-1", { mode: "up" });
    await fleet.setChaos("pay-a-2", { mode: "up" });
    await eventually(
      async () => (await t.prisma.fault.count({ where: { status: { not: "RESOLVED" } } })) === 0 && (await t.prisma.fault.count()) === 3,
      8000,
      "outage 1 resolved",
    );
    await sleep(2500);
    // 2. One instance down for 3 s: the service keeps serving.
    await fleet.setChaos("pay-a-1", { mode: "down" });
    await sleep(3000);
    await fleet.setChaos("pay-a-1", { mode: "up" });
    await eventually(
      async () => (await t.prisma.fault.count({ where: { status: { not: "RESOLVED" } } })) === 0 && (await t.prisma.fault.count()) === 4,
      8000,
      "outage 2 resolved",
    );
    await sleep(500);
    const to = Date.now();

    const report = await loadReliabilityReport(t.prisma, { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, to);
    const pay = report.services.find((s) => s.name === "pay")!;
    const rangeMs = to - from;
    expect(pay.rangeMs).toBe(rangeMs);
    expect(pay.outages).toBe(1);
    expect(Math.abs(pay.downMs - 4000)).toBeLessThanOrEqual(INTERVAL_MS + 250);
    const expectedAvailability = ((rangeMs - 4000) / rangeMs) * 100;
    expect(Math.abs(pay.availabilityPct! - expectedAvailability)).toBeLessThanOrEqual(((INTERVAL_MS + 250) / rangeMs) * 100);
    // Faults: service + 2 instances (4 s each) and pay-a-1 again (3 s): MTTR = (4+4+4+3)/4 = 3.75 s.
    expect(pay.faults).toBe(4);
    expect(pay.mttr.n).toBe(4);
    expect(Math.abs(pay.mttr.ms! - 3750)).toBeLessThanOrEqual(INTERVAL_MS + 250);
    expect(report.topByDowntime.map((i) => i.name)).toEqual(["pay-a-1", "pay-a-2"]);
    expect(Math.abs(report.topByDowntime[0]!.downMs - 7000)).toBeLessThanOrEqual(2 * (INTERVAL_MS + 250));

    // The SQL aggregates equal the pure reference computed from every fault row.
    const rows = await t.prisma.fault.findMany();
    const records: FaultRecord[] = rows.map((f) => ({
      serviceId: f.serviceId,
      instanceId: f.instanceId,
      type: f.type,
      startedAt: f.startedAt.getTime(),
      detectedAt: f.detectedAt.getTime(),
      acknowledgedAt: f.acknowledgedAt?.getTime() ?? null,
      resolvedAt: f.resolvedAt?.getTime() ?? null,
      flapping: f.flapping,
      flapCount: f.flapCount,
      down: f.fingerprint.endsWith(":down"),
    }));
    const r = { from: new Date(from), to: new Date(to) };
    const bucketMs = bucketMsFor(from, to);
    expect(await loadFaultRollup(t.prisma, r, bucketMs)).toEqual(rollup(bucketFaults(records, from, to, bucketMs)));
    const sqlInstances = (await loadInstanceFigures(t.prisma, r)).map((f) => ({
      instanceId: f.instanceId,
      faults: f.faults,
      downMs: f.downMs,
      flappingFaults: f.flappingFaults,
      flaps: f.flaps,
    }));
    const ref = instanceFigures(records, { start: from, end: to });
    expect(sqlInstances.sort((a, b) => a.instanceId.localeCompare(b.instanceId))).toEqual(ref.sort((a, b) => a.instanceId.localeCompare(b.instanceId)));
  }, 60_000);

  it("the timeline merges the faults' events in time order", async () => {
    const tl = await loadTimeline(t.prisma, { from: new Date(Date.now() - 3_600_000).toISOString() });
    const kinds = tl.items.map((i) => i.kind);
    expect(kinds.filter((k) => k === "OPENED")).toHaveLength(4);
    expect(kinds.filter((k) => k === "RESOLVED")).toHaveLength(4);
    expect(tl.items.map((i) => i.at)).toEqual([...tl.items.map((i) => i.at)].sort());
    expect(tl.items.find((i) => i.kind === "OPENED" && i.subject?.match(/^F-\d+$/))).toMatchObject({ category: "FAULT", service: "pay" });
  });
});
