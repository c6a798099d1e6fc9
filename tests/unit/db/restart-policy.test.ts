import { describe, expect, it } from "vitest";
import { firstAttemptAfterExit, restartDelayMs } from "@/lib/db/embedded/restart-policy";

describe("restart policy of the embedded PostgreSQL", () => {
  it("doubles the delay per attempt from 0.5 s and caps it at 10 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelayMs(n))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it("starts again at the first delay once the server stayed up, and keeps backing off while it keeps dying", () => {
    // A sequence of exits: [attempt that brought the server up, how long it then stayed up] → next first attempt.
    let attempt = 0;
    const exits: Array<[upForMs: number, want: number]> = [
      [3_600_000, 1], // first crash ever: 0.5 s
      [2_000, 2], // died 2 s after that restart: 1 s
      [100, 3], // again: 2 s
      [30_000, 1], // stayed up 30 s: a new incident
      [29_999, 2],
    ];
    for (const [upForMs, want] of exits) {
      attempt = firstAttemptAfterExit(attempt, upForMs);
      expect(attempt).toBe(want);
    }
  });
});
