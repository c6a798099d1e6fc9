import { errLine, log } from "@/lib/log";
import { databaseUnavailableReason } from "./unavailable";

interface OutageState {
  /** When the current outage was first seen (ms since epoch), or null when the database answers. */
  since: number | null;
  /** Requests answered "unavailable" during the current outage. */
  failures: number;
}

// Route handlers and the boot step are separate module copies under Next: share one tracker.
const g = globalThis as typeof globalThis & { __faultlineDbOutage?: OutageState };
const state = (g.__faultlineDbOutage ??= { since: null, failures: 0 });

/**
 * Note that a caller found the database unavailable. Logs one line when an outage begins (not one
 * per request, and no stack trace); later failures only count.
 */
export function noteDatabaseUnavailable(err: unknown, now = Date.now()): void {
  state.failures++;
  if (state.since !== null) return;
  state.since = now;
  log.warn({ reason: databaseUnavailableReason(err) ?? errLine(err) }, "database unavailable: answering 503 until it is back");
}

/**
 * Note that a connection to the database succeeded (the pool's `connect` event: after an outage
 * every old connection is dead, so the first query that works makes a new one). Logs one line
 * when this ends an outage, with how long it lasted.
 */
export function noteDatabaseReachable(now = Date.now()): void {
  if (state.since === null) return;
  log.info({ downSec: Math.round((now - state.since) / 100) / 10, failedRequests: state.failures }, "database available again");
  state.since = null;
  state.failures = 0;
}

/** The current outage, if any (for the status report). */
export function currentOutage(): { since: Date; failures: number } | undefined {
  return state.since === null ? undefined : { since: new Date(state.since), failures: state.failures };
}
