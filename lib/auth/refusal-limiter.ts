/**
 * How often a refused request may write an audit entry: the first refusal of a caller (actor, or
 * client address when anonymous) in a window is written at once; later ones in the same window
 * are only counted, and the caller's next written entry says how many it stands for. A global
 * cap per window bounds a flood from many addresses, and the table of callers is bounded too
 * (oldest forgotten first), so neither the audit table nor memory grows with an attack.
 * Per process: N replicas write at most N times as much. Pure apart from the clock passed in.
 */
export class RefusalLimiter {
  private readonly callers = new Map<string, { until: number; suppressed: number }>();
  private windowStart = Number.NEGATIVE_INFINITY;
  private writtenInWindow = 0;

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxPerWindow = 100,
    private readonly maxCallers = 10_000,
  ) {}

  /** The number of refusals an entry written now stands for, or null when none is written. */
  admit(caller: string, now: number): number | null {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.writtenInWindow = 0;
    }
    const seen = this.callers.get(caller);
    if ((seen && now < seen.until) || this.writtenInWindow >= this.maxPerWindow) {
      if (seen) seen.suppressed++;
      else this.remember(caller, { until: now, suppressed: 1 });
      return null;
    }
    const count = 1 + (seen?.suppressed ?? 0);
    this.remember(caller, { until: now + this.windowMs, suppressed: 0 });
    this.writtenInWindow++;
    return count;
  }

  private remember(caller: string, state: { until: number; suppressed: number }) {
    this.callers.delete(caller); // re-insert: Map order is age order
    this.callers.set(caller, state);
    if (this.callers.size > this.maxCallers) this.callers.delete(this.callers.keys().next().value!);
  }
}
