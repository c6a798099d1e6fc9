import { describe, expect, it } from "vitest";
import { currentTrafficBucket } from "@/lib/balancer/traffic-rollup";
import { haproxySends } from "@/lib/status/service-health";

const T = Date.parse("2026-12-01T10:00:00.000Z");

describe("traffic now", () => {
  it("reads the newest bucket that is closed and stored (≥ 2 s past its end), only that one", () => {
    // 10:00:06.9 — the bucket 10:00:00–05 closed 1.9 s ago and may not be stored yet: 09:59:55.
    expect(new Date(currentTrafficBucket(T + 6_900)).toISOString()).toBe("2026-12-01T09:59:55.000Z");
    expect(new Date(currentTrafficBucket(T + 7_000)).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(new Date(currentTrafficBucket(T + 11_999)).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(new Date(currentTrafficBucket(T + 12_000)).toISOString()).toBe("2026-12-01T10:00:05.000Z");
  });

  it("HAProxy sends to UP servers (also while going down, and unchecked ones), not to DOWN, drained or maintenance ones", () => {
    expect(["UP", "UP 1/2", "no check"].map(haproxySends)).toEqual([true, true, true]);
    expect(["DOWN", "DOWN 1/2", "DRAIN", "MAINT", "NOLB"].map(haproxySends)).toEqual([false, false, false, false, false]);
  });
});
