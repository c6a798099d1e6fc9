import { describe, expect, it } from "vitest";
import { INT4_MAX, INT8_MAX, IsoTime, numericCursor } from "@/lib/http/fields";

describe("IsoTime", () => {
  it.each(["1970-01-01T00:00:00Z", "2026-06-01T12:00:00.000Z", "2026-06-01T14:00:00+02:00"])("accepts %s", (v) => {
    expect(IsoTime.safeParse(v).success).toBe(true);
  });

  it.each(["0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-06-01", "yesterday"])("refuses %s", (v) => {
    expect(IsoTime.safeParse(v).success).toBe(false);
  });

  it("accepts up to a year ahead, not beyond", () => {
    expect(IsoTime.safeParse(new Date(Date.now() + 300 * 86_400_000).toISOString()).success).toBe(true);
    expect(IsoTime.safeParse(new Date(Date.now() + 400 * 86_400_000).toISOString()).success).toBe(false);
  });
});

describe("numericCursor", () => {
  it("accepts digits within the column's range", () => {
    expect(numericCursor(INT4_MAX).safeParse("1001").success).toBe(true);
    expect(numericCursor(INT4_MAX).safeParse("2147483647").success).toBe(true);
    expect(numericCursor(INT8_MAX).safeParse("9223372036854775807").success).toBe(true);
  });

  it.each([
    [INT4_MAX, "2147483648"],
    [INT4_MAX, "99999999999999999999"],
    [INT8_MAX, "9223372036854775808"],
    [INT8_MAX, "99999999999999999999"],
    [INT4_MAX, "-1"],
    [INT4_MAX, "1e3"],
    [INT4_MAX, ""],
    [INT4_MAX, "12a"],
  ])("refuses %s / %s", (max, v) => {
    const r = numericCursor(max).safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("not a cursor this API returned");
  });
});
