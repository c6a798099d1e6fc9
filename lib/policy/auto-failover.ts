export interface AutoFailoverInput {
  enabled: boolean;
  afterSec: number;
  cooldownSec: number;
  /** When the service-level fault opened (every active instance DOWN), or null when serving. */
  downSince: Date | null;
  /** Newest failover of this service (any trigger), for the cooldown. */
  lastFailoverAt: Date | null;
  running: boolean;
}

export type AutoFailoverDecision = { go: true; why: string } | { go: false; why: string };

/**
 * Fail over automatically when the active pool has had no healthy instance for `afterSec`,
 * unless one runs or the previous failover is younger than the cooldown (no ping-pong). Pure:
 * the pre-flight (healthy target) is checked by the failover itself.
 */
export function decideAutoFailover(x: AutoFailoverInput, now: Date): AutoFailoverDecision {
  if (!x.enabled) return { go: false, why: "automatic failover is off" };
  if (!x.downSince) return { go: false, why: "the active pool is serving" };
  const downSec = (now.getTime() - x.downSince.getTime()) / 1000;
  if (downSec < x.afterSec) return { go: false, why: `down ${Math.floor(downSec)} s of ${x.afterSec} s` };
  if (x.running) return { go: false, why: "a failover is already running" };
  if (x.lastFailoverAt) {
    const since = (now.getTime() - x.lastFailoverAt.getTime()) / 1000;
    if (since < x.cooldownSec) return { go: false, why: `cooldown: last failover ${Math.floor(since)} s ago (cooldown ${x.cooldownSec} s)` };
  }
  return { go: true, why: `the active pool has had no healthy instance for ${Math.floor(downSec)} s (threshold ${x.afterSec} s)` };
}
