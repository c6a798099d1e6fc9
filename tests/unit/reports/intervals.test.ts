import { describe, expect, it } from "vitest";
import { clip, subtract, totalMs, union } from "@/lib/reports/intervals";

const iv = (start: number, end: number) => ({ start, end });

describe("intervals", () => {
  it("clips to a range, dropping what lies outside", () => {
    expect(clip(iv(-5, 5), iv(0, 10))).toEqual(iv(0, 5));
    expect(clip(iv(8, 20), iv(0, 10))).toEqual(iv(8, 10));
    expect(clip(iv(10, 20), iv(0, 10))).toBeNull();
  });

  it("merges overlapping and touching intervals, counting shared time once", () => {
    expect(union([iv(5, 8), iv(0, 3), iv(2, 4), iv(8, 9), iv(20, 20)])).toEqual([iv(0, 4), iv(5, 9)]);
    expect(totalMs([iv(0, 10), iv(5, 15), iv(30, 40)])).toBe(25);
  });

  it("subtracts holes, including holes that split an interval or cover it", () => {
    expect(subtract([iv(0, 100)], [iv(10, 20), iv(50, 60)])).toEqual([iv(0, 10), iv(20, 50), iv(60, 100)]);
    expect(subtract([iv(0, 10), iv(20, 30)], [iv(-5, 25)])).toEqual([iv(25, 30)]);
    expect(subtract([iv(0, 10)], [iv(0, 10)])).toEqual([]);
  });
});
