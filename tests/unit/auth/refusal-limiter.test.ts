import { describe, expect, it } from "vitest";
import { RefusalLimiter } from "@/lib/auth/refusal-limiter";

describe("RefusalLimiter: how often a refused request is audited", () => {
  it("writes a caller's first refusal, counts the rest of the window, and the next entry carries the count", () => {
    const l = new RefusalLimiter(60_000);
    expect(l.admit("ops@example.com", 0)).toBe(1);
    expect(l.admit("ops@example.com", 1_000)).toBeNull();
    expect(l.admit("ops@example.com", 59_999)).toBeNull();
    expect(l.admit("ops@example.com", 60_000)).toBe(3);
    expect(l.admit("ops@example.com", 60_001)).toBeNull();
  });

  it("keeps callers apart", () => {
    const l = new RefusalLimiter(60_000);
    expect(l.admit("a", 0)).toBe(1);
    expect(l.admit("b", 0)).toBe(1);
    expect(l.admit("a", 10)).toBeNull();
    expect(l.admit("b", 10)).toBeNull();
  });

  it("caps the entries of one window across all callers (a flood from many addresses)", () => {
    const l = new RefusalLimiter(60_000, 3);
    const written = Array.from({ length: 50 }, (_, i) => l.admit(`anonymous@127.0.0.${i}`, 100)).filter((c) => c !== null);
    expect(written).toEqual([1, 1, 1]);
    // A new window: a suppressed caller is written again, with what it was refused in between.
    expect(l.admit("anonymous@127.0.0.10", 60_100)).toBe(2);
  });

  it("forgets the oldest callers beyond its bound", () => {
    const l = new RefusalLimiter(60_000, 1_000, 2);
    expect(l.admit("a", 0)).toBe(1);
    expect(l.admit("b", 0)).toBe(1);
    expect(l.admit("c", 0)).toBe(1); // "a" is forgotten here
    expect(l.admit("a", 1)).toBe(1);
    expect(l.admit("c", 1)).toBeNull();
  });
});
