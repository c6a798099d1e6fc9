import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, bucketMsFor, bucketStarts } from "@/lib/reports/buckets";
import { bucketFaults, rollup, type FaultRecord } from "@/lib/reports/fault-stats";
import { explainAvailability, explainBudget, explainMttr } from "@/lib/reports/explain";
import { reliabilityReport, type ReliabilityInput } from "@/lib/reports/reliability";

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

// Two days, daily buckets. Service "pay" (SLO 99 %) existed all along, was down 30 min on day 1
// (one outage) and had 2 h of maintenance on day 2. Service "cart" was created at noon on day 2.
const f = (p: Partial<FaultRecord> & { startedAt: number; resolvedAt: number | null }): FaultRecord => ({
  serviceId: "pay",
  instanceId: null,
  type: "SERVICE_DOWN",
  detectedAt: p.startedAt + 2000,
  acknowledgedAt: null,
  flapping: false,
  flapCount: 0,
  down: true,
  ...p,
});
const faults = [
  f({ startedAt: T0 + 10 * HOUR_MS, resolvedAt: T0 + 10 * HOUR_MS + 30 * MIN }),
  f({ instanceId: "pay-1", type: "TIMEOUT", startedAt: T0 + 30 * HOUR_MS, resolvedAt: T0 + 30 * HOUR_MS + 10 * MIN }),
];
const input: ReliabilityInput = {
  from: T0,
  to: T0 + 2 * DAY_MS,
  bucketMs: DAY_MS,
  services: [
    { id: "pay", name: "pay", sloTargetPct: 99, createdAt: T0 - DAY_MS },
    { id: "cart", name: "cart", sloTargetPct: 99.9, createdAt: T0 + 36 * HOUR_MS },
  ],
  outages: [{ serviceId: "pay", startedAt: T0 + 10 * HOUR_MS, resolvedAt: T0 + 10 * HOUR_MS + 30 * MIN }],
  maintenance: [{ serviceId: "pay", startsAt: T0 + 26 * HOUR_MS, endsAt: T0 + 28 * HOUR_MS, cancelledAt: null }],
  faults: rollup(bucketFaults(faults, T0, T0 + 2 * DAY_MS, DAY_MS)),
  instances: [],
};

describe("reliability report", () => {
  const r = reliabilityReport(input);
  const pay = r.services[0]!;
  const cart = r.services[1]!;

  it("availability, counts and MTBF per service", () => {
    // measured = 48 h − 2 h = 46 h; down 30 min → 45.5 / 46
    expect(pay).toMatchObject({ rangeMs: 48 * HOUR_MS, maintenanceMs: 2 * HOUR_MS, downMs: 30 * MIN, outages: 1, faults: 2 });
    expect(pay.availabilityPct).toBeCloseTo((45.5 / 46) * 100, 10);
    expect(pay.mttr).toEqual({ ms: 20 * MIN, n: 2, sumMs: 40 * MIN });
    expect(pay.mtbf).toEqual({ ms: Math.round((45.5 * HOUR_MS) / 2), n: 2, sumMs: 45.5 * HOUR_MS });
  });

  it("error budget: 1 % of 46 h = 27.6 min, 30 min used → overspent", () => {
    expect(pay.slo).toEqual({ targetPct: 99, budgetMs: 27.6 * MIN, usedMs: 30 * MIN, remainingMs: -2.4 * MIN, remainingPct: (-2.4 / 27.6) * 100, met: false });
    expect(pay.burn.map((b) => b.usedMs)).toEqual([30 * MIN, 30 * MIN]);
    // end of day 1: 24 h of 46 measured hours elapsed → an even burn leaves 22/46 of the budget
    expect(pay.burn[0]!.evenPct).toBeCloseTo((22 / 46) * 100, 10);
    expect(pay.burn[1]!.evenPct).toBe(0);
  });

  it("per-bucket availability; a service is measured only from its creation", () => {
    expect(pay.series.map((s) => s.availabilityPct)).toEqual([((24 * 60 - 30) / (24 * 60)) * 100, 100]);
    expect(cart).toMatchObject({
      from: new Date(T0 + 36 * HOUR_MS).toISOString(),
      rangeMs: 12 * HOUR_MS,
      availabilityPct: 100,
      faults: 0,
      mtbf: { ms: null, n: 0 },
    });
    expect(cart.series.map((s) => s.availabilityPct)).toEqual([null, 100]);
  });

  it("faults per bucket stacked by type, and the MTTR trend", () => {
    expect(r.types).toEqual(["SERVICE_DOWN", "TIMEOUT"]);
    expect(r.faultsPerBucket).toEqual([
      { t: new Date(T0).toISOString(), total: 1, byType: { SERVICE_DOWN: 1 } },
      { t: new Date(T0 + DAY_MS).toISOString(), total: 1, byType: { TIMEOUT: 1 } },
    ]);
    expect(r.mttrTrend.map((m) => m.mttr.ms)).toEqual([30 * MIN, 10 * MIN]);
  });

  it("explains its figures with the numbers they came from", () => {
    expect(explainAvailability(pay)).toContain("(2 d − 2 h − 30 min) ÷ (2 d − 2 h) = 98.913 %");
    expect(explainMttr(pay)).toBe("MTTR: mean of (resolvedAt − startedAt) = Σ 40 min ÷ 2 resolved faults (open ones left out) = 20 min");
    expect(explainBudget(pay)).toContain("= 1.000 % × 1 d 22 h = 27 min 36 s\nUsed = down time 30 min; remaining = −2 min 24 s = -8.7 % of the budget.");
  });

  it("buckets hours for short ranges, days for long ones", () => {
    expect(bucketMsFor(T0, T0 + DAY_MS)).toBe(HOUR_MS);
    expect(bucketMsFor(T0, T0 + 7 * DAY_MS)).toBe(DAY_MS);
    expect(bucketStarts(T0 + 30 * MIN, T0 + 3 * HOUR_MS, HOUR_MS)).toEqual([T0, T0 + HOUR_MS, T0 + 2 * HOUR_MS]);
  });
});
