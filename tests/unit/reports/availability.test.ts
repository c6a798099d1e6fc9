import { describe, expect, it } from "vitest";
import { availabilityIn, serviceSpans } from "@/lib/reports/availability";

const S = 1000;
const svc = "svc-1";
const range = { start: 0, end: 1000 * S };

// Hand-built set (seconds):
//   A [-100, 50)        started before the range → only 50 s count
//   B [100, 200) and C [150, 250) overlap → 150 s once
//   D [900, open)       still open → counts until the range end: 100 s
//   another service's outage must not count
//   maintenance M1 [180, 300) covers 70 s of B∪C; M2 [500, 700) cancelled at 550 → 50 s
const outages = [
  { serviceId: svc, startedAt: -100 * S, resolvedAt: 50 * S },
  { serviceId: svc, startedAt: 100 * S, resolvedAt: 200 * S },
  { serviceId: svc, startedAt: 150 * S, resolvedAt: 250 * S },
  { serviceId: svc, startedAt: 900 * S, resolvedAt: null },
];
const maintenance = [
  { serviceId: svc, startsAt: 180 * S, endsAt: 300 * S, cancelledAt: null },
  { serviceId: svc, startsAt: 500 * S, endsAt: 700 * S, cancelledAt: 550 * S },
];

describe("service availability", () => {
  it("clips at the range edges, counts overlaps once, runs open outages to the end and excludes maintenance", () => {
    const spans = serviceSpans(outages, maintenance, range);
    const a = availabilityIn(spans, range, spans.outages);
    // down = 50 + (150 − 70) + 100 = 230 s; maintenance = 120 + 50 = 170 s
    expect(a).toEqual({ rangeMs: 1000 * S, maintenanceMs: 170 * S, downMs: 230 * S, servingMs: 600 * S, availabilityPct: (600 / 830) * 100, outages: 4 });
    expect(a.availabilityPct).toBeCloseTo(72.289, 3);
  });

  it("measures any sub-range from the same spans (per-day figures)", () => {
    const spans = serviceSpans(outages, maintenance, range);
    // [0, 200): down A 50 + B∪C 100..180 (180..200 is maintenance) = 130; maintenance 20
    expect(availabilityIn(spans, { start: 0, end: 200 * S })).toMatchObject({ downMs: 130 * S, maintenanceMs: 20 * S, servingMs: 50 * S });
  });

  it("is 100 % without outages and unknown when the whole range is maintenance", () => {
    expect(availabilityIn(serviceSpans([], [], range), range).availabilityPct).toBe(100);
    const all = serviceSpans(outages, [{ serviceId: svc, startsAt: -S, endsAt: 2000 * S, cancelledAt: null }], range);
    expect(availabilityIn(all, range)).toMatchObject({ availabilityPct: null, downMs: 0, maintenanceMs: 1000 * S });
  });

  it("ignores a window cancelled before it started", () => {
    const spans = serviceSpans([], [{ serviceId: svc, startsAt: 500 * S, endsAt: 700 * S, cancelledAt: 400 * S }], range);
    expect(availabilityIn(spans, range).maintenanceMs).toBe(0);
  });
});
