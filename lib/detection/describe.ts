/**
 * Text an operator can act on, built from transitions: a fault's cause when it opens and its
 * resolution when it closes. Pure and browser-safe, so the console can use it too.
 */
import type { Transition } from "./thresholds";
import type { ProbeResult } from "./types";

/** Splits a duration into its largest unit and the next one, dropping a zero remainder. */
function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}

/**
 * A duration as a person reads it: `850 ms`, `42 s`, `2 min 7 s`, `3 h 4 min`, `2 d 3 h`.
 * Truncates rather than rounds, so `1 min 59.9 s` never shows as `2 min`; negative (clock skew)
 * and non-finite values show as `0 ms`.
 */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.round(ms)) : 0;
  if (total < 1000) return `${total} ms`;
  const s = Math.floor(total / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return twoUnits(min, "min", s % 60, "s");
  const h = Math.floor(min / 60);
  if (h < 24) return twoUnits(h, "h", min % 60, "min");
  return twoUnits(Math.floor(h / 24), "d", h % 24, "h");
}

/** `12:01:03Z` — UTC, so operators in different zones quote the same time. */
function clock(at: Date): string {
  return `${at.toISOString().slice(11, 19)}Z`;
}

/** `HTTP 200 in 4 ms` / `TCP connect in 3 ms`: the evidence a recovery rests on. */
function evidence(result: ProbeResult): string {
  const what = result.statusCode !== null ? `HTTP ${result.statusCode}` : result.target.startsWith("tcp://") ? "TCP connect" : "check passed";
  return result.latencyMs === null ? what : `${what} in ${Math.round(result.latencyMs)} ms`;
}

/**
 * The cause of a fault opened by a →DOWN transition: the first failing check's own message (later
 * failures are often consequences, e.g. timeouts after a 503), how many failed in a row, and since
 * when. E.g. `GET http://127.0.0.1:18081/healthz → 503 Service Unavailable in 12 ms
 * (2 consecutive failures since 12:01:03Z)`.
 */
export function faultCause(t: Transition): string {
  const first = t.firstFailure ?? t.result;
  const run = t.streak === 1 ? `1 failure at ${clock(first.at)}` : `${t.streak} consecutive failures since ${clock(first.at)}`;
  return `${first.message} (${run})`;
}

/**
 * The cause of a fault opened by a →DEGRADED transition: the deciding check's message (it already
 * says how slow, or when the certificate expires), how many were degraded in a row, and since when.
 * E.g. `GET … → 200 OK in 1830 ms, slower than 1000 ms (3 consecutive degraded checks since 12:01:03Z)`.
 */
export function degradedCause(t: Transition): string {
  const first = t.firstFailure ?? t.result;
  const run = t.streak === 1 ? `1 degraded check at ${clock(first.at)}` : `${t.streak} consecutive degraded checks since ${clock(first.at)}`;
  return `${t.result.message} (${run})`;
}

/**
 * How a fault ended, for a DOWN→UP, DOWN→DEGRADED or DEGRADED→UP transition: the checks that
 * decided it, the last one's evidence, when, and how long the episode lasted. E.g.
 * `Recovered: 2 consecutive passing checks (HTTP 200 in 4 ms) at 12:03:10Z; down 2 min 7 s`.
 */
export function faultResolution(t: Transition): string {
  // Degraded answers also end an outage, but calling them "passing" next to "degraded" would
  // contradict itself.
  const degraded = t.to === "DEGRADED";
  const head = degraded ? "Recovered (still degraded)" : "Recovered";
  const run = t.streak === 1 ? "1" : `${t.streak} consecutive`;
  const noun = t.streak === 1 ? "check" : "checks";
  const checks = degraded ? `${run} ${noun} without failure` : `${run} passing ${noun}`;
  const lasted =
    t.downSince !== undefined
      ? `; down ${formatDuration(t.at.getTime() - t.downSince.getTime())}`
      : t.degradedSince !== undefined
        ? `; degraded ${formatDuration(t.at.getTime() - t.degradedSince.getTime())}`
        : "";
  return `${head}: ${checks} (${evidence(t.result)}) at ${clock(t.at)}${lasted}`;
}
