import { describe, expect, it } from "vitest";
import { bucketSize, chartSeries, type MinuteFigures } from "@/lib/checks/chart-series";

const T0 = Date.parse("2026-03-01T12:00:00Z");
const min = (n: number) => T0 + n * 60_000;
const figures = (n: number, f: Partial<MinuteFigures> = {}): MinuteFigures => ({
  minute: new Date(min(n)).toISOString(),
  count: 12,
  failures: 0,
  p50Ms: 4,
  p95Ms: 9,
  ...f,
});

describe("bucketSize", () => {
  it("uses one-minute buckets while the range fits, wider ones after", () => {
    expect(bucketSize(min(0), min(30))).toBe(60_000);
    expect(bucketSize(min(0), min(360))).toBe(60_000);
    expect(bucketSize(min(0), min(361))).toBe(2 * 60_000);
    expect(bucketSize(min(0), min(7 * 24 * 60))).toBe(30 * 60_000);
    expect(bucketSize(min(0), min(0))).toBe(60_000);
  });
});

describe("chartSeries", () => {
  it("gives every minute of the range a point, empty ones with nulls, and keeps the figures exact", () => {
    const { bucketMs, points } = chartSeries([figures(1, { failures: 3, p50Ms: 20, p95Ms: 80 }), figures(3)], min(0) + 15_000, min(4));
    expect(bucketMs).toBe(60_000);
    expect(points.map((p) => p.t)).toEqual([min(0), min(1), min(2), min(3), min(4)]);
    expect(points[0]).toEqual({ t: min(0), count: 0, failures: 0, p50Ms: null, p95Ms: null });
    expect(points[1]).toEqual({ t: min(1), count: 12, failures: 3, p50Ms: 20, p95Ms: 80 });
    expect(points[2]!.p95Ms).toBeNull();
    expect(points[3]).toMatchObject({ count: 12, p50Ms: 4, p95Ms: 9 });
  });

  it("merges minutes of a wide bucket: counts summed, p50 weighted by count, p95 the highest", () => {
    const minutes = [figures(0, { count: 10, failures: 1, p50Ms: 10, p95Ms: 50 }), figures(1, { count: 30, failures: 2, p50Ms: 20, p95Ms: 40 })];
    const { bucketMs, points } = chartSeries(minutes, min(0), min(600), 300);
    expect(bucketMs).toBe(2 * 60_000);
    expect(points[0]).toEqual({ t: min(0), count: 40, failures: 3, p50Ms: 17.5, p95Ms: 50 });
    expect(points).toHaveLength(301);
  });

  it("ignores minutes outside the range and minutes without latency", () => {
    const { points } = chartSeries([figures(-5), figures(10), figures(1, { p50Ms: null, p95Ms: null, failures: 12 })], min(0), min(2));
    expect(points).toHaveLength(3);
    expect(points[1]).toEqual({ t: min(1), count: 12, failures: 12, p50Ms: null, p95Ms: null });
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(12);
  });
});
