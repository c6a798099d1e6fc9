import { describe, expect, it } from "vitest";
import { HOUR_MS } from "@/lib/reports/buckets";
import { bucketFaults, totals, type FaultRecord } from "@/lib/reports/fault-stats";
import { instanceFigures, rankInstances } from "@/lib/reports/instances";

const S = 1000;
const T0 = Date.UTC(2026, 0, 1);
const range = { start: T0, end: T0 + 4 * HOUR_MS };

function fault(p: Partial<FaultRecord> & { startedAt: number }): FaultRecord {
  return {
    serviceId: "a",
    instanceId: "i1",
    type: "HTTP_STATUS",
    detectedAt: p.startedAt + 2 * S,
    acknowledgedAt: null,
    resolvedAt: null,
    flapping: false,
    flapCount: 0,
    down: true,
    ...p,
  };
}

// Hand-built: four faults of service a, one of b.
//  f1 started 1 h before the range (ended inside it): not counted, but its downtime inside is.
//  f2 at T0 exactly: detected +4 s, acknowledged +60 s after detection, resolved after 10 min.
//  f3 at T0+30 min, overlapping f2 on another instance, detected +2 s, resolved after 20 min.
//  f4 at T0+2 h, still open, never acknowledged.
//  f5 at the range end exactly: outside.
const faults: FaultRecord[] = [
  fault({ startedAt: T0 - HOUR_MS, resolvedAt: T0 + 15 * 60 * S }),
  fault({ startedAt: T0, detectedAt: T0 + 4 * S, acknowledgedAt: T0 + 64 * S, resolvedAt: T0 + 600 * S }),
  fault({ instanceId: "i2", type: "TIMEOUT", startedAt: T0 + 1800 * S, resolvedAt: T0 + 3000 * S }),
  fault({ instanceId: "i3", startedAt: T0 + 2 * HOUR_MS, flapping: true, flapCount: 5 }),
  fault({ serviceId: "b", startedAt: range.end, resolvedAt: range.end + S }),
];

describe("fault counts and mean times", () => {
  it("counts faults that started in [from, to) and sums their times per bucket and type", () => {
    const b = bucketFaults(faults, range.start, range.end, HOUR_MS);
    expect(b).toEqual([
      { serviceId: "a", bucket: T0, type: "HTTP_STATUS", count: 1, ttdSumMs: 4 * S, ackCount: 1, ttaSumMs: 60 * S, resolvedCount: 1, ttrSumMs: 600 * S },
      { serviceId: "a", bucket: T0, type: "TIMEOUT", count: 1, ttdSumMs: 2 * S, ackCount: 0, ttaSumMs: 0, resolvedCount: 1, ttrSumMs: 1200 * S },
      { serviceId: "a", bucket: T0 + 2 * HOUR_MS, type: "HTTP_STATUS", count: 1, ttdSumMs: 2 * S, ackCount: 0, ttaSumMs: 0, resolvedCount: 0, ttrSumMs: 0 },
    ]);
  });

  it("MTTD over all, MTTA over acknowledged, MTTR over resolved faults", () => {
    const t = totals(bucketFaults(faults, range.start, range.end, HOUR_MS));
    expect(t.faults).toBe(3);
    expect(t.mttd).toEqual({ ms: Math.round((8 * S) / 3), n: 3, sumMs: 8 * S });
    expect(t.mtta).toEqual({ ms: 60 * S, n: 1, sumMs: 60 * S });
    expect(t.mttr).toEqual({ ms: 900 * S, n: 2, sumMs: 1800 * S });
    expect(totals([]).mttr).toEqual({ ms: null, n: 0, sumMs: 0 });
  });
});

describe("instance figures", () => {
  it("count faults started in the range, downtime clipped to it, open faults to its end", () => {
    const figures = instanceFigures(faults, range);
    const by = Object.fromEntries(figures.map((f) => [f.instanceId, f]));
    // i1: f1 covers [T0, T0+15 min) inside the range (not counted as a fault); f2 [T0, T0+10 min)
    // overlaps it and adds nothing: 15 min.
    expect(by.i1).toEqual({ instanceId: "i1", faults: 1, downMs: 15 * 60 * S, flappingFaults: 0, flaps: 0 });
    expect(by.i2).toMatchObject({ faults: 1, downMs: 1200 * S });
    // i3: open from T0+2h → range end = 2 h.
    expect(by.i3).toEqual({ instanceId: "i3", faults: 1, downMs: 2 * HOUR_MS, flappingFaults: 1, flaps: 5 });
  });

  it("ranks by faults, by downtime, and lists flapping instances", () => {
    const ranked = rankInstances(instanceFigures(faults, range));
    expect(ranked.byDowntime.map((i) => i.instanceId)).toEqual(["i3", "i2", "i1"]);
    expect(ranked.byFaults.map((i) => i.instanceId)).toEqual(["i3", "i2", "i1"]); // one fault each: downtime breaks the tie
    expect(ranked.flapping.map((i) => i.instanceId)).toEqual(["i3"]);
  });
});
