/** How the embedded PostgreSQL is restarted after it exits (pure: no timers, no processes). */
const RESTART_POLICY = {
  /** Wait before the first attempt; doubled per failed attempt. */
  firstDelayMs: 500,
  maxDelayMs: 10_000,
  /** Up this long since the last (re)start, an exit counts as a new incident: back to the first delay. */
  stableAfterMs: 30_000,
} as const;

export type RestartPolicy = { firstDelayMs: number; maxDelayMs: number; stableAfterMs: number };

/** Delay before restart attempt `attempt` (1-based): 0.5 s, 1 s, 2 s, 4 s, 8 s, 10 s, 10 s … */
export function restartDelayMs(attempt: number, p: RestartPolicy = RESTART_POLICY): number {
  return Math.min(p.maxDelayMs, p.firstDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The attempt number of the first restart after an exit: 1 when the server had stayed up for
 * `stableAfterMs` (or never crashed before), else one more than the attempt that started it, so a
 * server that dies right after each restart keeps backing off instead of looping at 0.5 s.
 */
export function firstAttemptAfterExit(previousAttempt: number, upForMs: number, p: RestartPolicy = RESTART_POLICY): number {
  return previousAttempt === 0 || upForMs >= p.stableAfterMs ? 1 : previousAttempt + 1;
}
