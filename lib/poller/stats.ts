/** Rolling figures of the poller: checks per second and schedule lag percentiles. */
export class PollerStats {
  private lags: number[] = [];
  private lagNext = 0;
  private completions: number[] = [];
  private compNext = 0;

  constructor(
    private readonly lagSamples = 20_000,
    private readonly rateWindowMs = 10_000,
  ) {}

  /** A check started `lagMs` after it was due, and finished at `now`. */
  record(lagMs: number, now: number): void {
    if (this.lags.length < this.lagSamples) this.lags.push(lagMs);
    else this.lags[this.lagNext++ % this.lagSamples] = lagMs;
    if (this.completions.length < 200_000) this.completions.push(now);
    else this.completions[this.compNext++ % this.completions.length] = now;
  }

  /** Checks completed per second over the last rate window. */
  checksPerSecond(now: number): number {
    const since = now - this.rateWindowMs;
    let n = 0;
    for (const t of this.completions) if (t >= since) n++;
    return Math.round((n / (this.rateWindowMs / 1000)) * 10) / 10;
  }

  /** Lag percentile (0–100) over the retained samples, in ms. */
  lagPercentile(p: number): number {
    if (this.lags.length === 0) return 0;
    const sorted = [...this.lags].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }

  /** Drop completions older than the rate window (keeps memory flat). */
  trim(now: number): void {
    const since = now - this.rateWindowMs;
    if (this.completions.length > 1000 && this.completions.every((t) => t < since)) {
      this.completions = [];
      this.compNext = 0;
    }
  }
}
