/** Pure part of the probes: what a check observed in, ProbeResult with its one-line message out. */
import { STATUS_CODES } from "node:http";
import type { ProbeErrorClass, ProbeResult } from "@/lib/detection/types";
import { jsonStringForm, lookupJsonPath } from "./json-path";
import type { ProbeSpec } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What an HTTP check saw once an answer arrived. */
export interface HttpObservation {
  statusCode: number;
  /** The server's reason phrase; the standard one is used when empty. */
  statusText?: string;
  /** Until the verdict: headers, or the body when a body condition needed it. */
  latencyMs: number;
  /** The body's first bytes as text; null when no body condition asked for it. */
  body: string | null;
  /** The body was longer than what was read. */
  truncated?: boolean;
  /** https: the peer certificate's `validTo`, when known. */
  certValidTo?: Date | null;
}

/** True when `status` passes: one of `expected`, or any 2xx when `expected` is empty. */
export function statusAllowed(status: number, expected: readonly number[]): boolean {
  return expected.length === 0 ? status >= 200 && status < 300 : expected.includes(status);
}

/** `503 Service Unavailable`; the standard reason phrase when the server sent none. */
export function describeStatus(status: number, text?: string): string {
  return `${status} ${text || STATUS_CODES[status] || ""}`.trim();
}

/** True when the spec has a body condition, so the body must be read. */
export function needsBody(spec: Pick<ProbeSpec, "bodyContains" | "jsonPath">): boolean {
  return Boolean(spec.bodyContains) || Boolean(spec.jsonPath);
}

/** Why the body fails the spec's body conditions, or null when it meets them (or there are none). */
export function bodyProblem(spec: Pick<ProbeSpec, "bodyContains" | "jsonPath" | "jsonEquals">, body: string, truncated = false): string | null {
  const cut = truncated ? " (read the first 64 KiB)" : "";
  if (spec.bodyContains && !body.includes(spec.bodyContains)) {
    return `body does not contain ${JSON.stringify(spec.bodyContains)}${cut}`;
  }
  if (!spec.jsonPath) return null;
  const expected = spec.jsonEquals == null ? "" : `, expected ${JSON.stringify(spec.jsonEquals)}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON${cut}`;
  }
  const found = lookupJsonPath(parsed, spec.jsonPath);
  if (!found.found) return `JSON ${spec.jsonPath} is missing${expected}`;
  if (spec.jsonEquals != null && jsonStringForm(found.value) !== spec.jsonEquals) {
    return `JSON ${spec.jsonPath} = ${shorten(JSON.stringify(found.value))}${expected}`;
  }
  return null;
}

/** `certificate expires in 5 days (2026-12-01)` when fewer than `days` days are left at `at`, else null. */
export function certExpiryProblem(validTo: Date, at: Date, days: number): string | null {
  const left = validTo.getTime() - at.getTime();
  if (left >= days * DAY_MS) return null;
  const date = validTo.toISOString().slice(0, 10);
  if (left < 0) return `certificate expired on ${date}`;
  const whole = Math.floor(left / DAY_MS);
  const when = whole === 0 ? "in less than a day" : whole === 1 ? "in 1 day" : `in ${whole} days`;
  return `certificate expires ${when} (${date})`;
}

/**
 * Judges an HTTP answer: wrong status → FAIL HTTP_STATUS, body condition unmet → FAIL
 * BODY_MISMATCH, certificate expiring → DEGRADED CERT_EXPIRY, slower than `degradedLatencyMs`
 * → DEGRADED SLOW_RESPONSE, else PASS. Certificate expiry wins over slowness because it holds
 * check after check, so the degraded cause stays the same while both apply.
 */
export function httpVerdict(spec: ProbeSpec, at: Date, target: string, seen: HttpObservation): ProbeResult {
  const latencyMs = Math.round(seen.latencyMs);
  const answer = `${describeStatus(seen.statusCode, seen.statusText)} in ${latencyMs} ms`;
  const result = (level: ProbeResult["level"], errorClass: ProbeErrorClass | null, message: string): ProbeResult => ({
    at,
    level,
    latencyMs,
    statusCode: seen.statusCode,
    errorClass,
    target,
    message: `${target} → ${message}`,
  });

  if (!statusAllowed(seen.statusCode, spec.expectedStatuses)) return result("FAIL", "HTTP_STATUS", answer);
  const mismatch = seen.body === null ? (needsBody(spec) ? "body was not read" : null) : bodyProblem(spec, seen.body, seen.truncated);
  if (mismatch) return result("FAIL", "BODY_MISMATCH", mismatch);

  const slow = spec.degradedLatencyMs != null && latencyMs > spec.degradedLatencyMs ? `slower than ${spec.degradedLatencyMs} ms` : null;
  const expiring = spec.certExpiryDays != null && seen.certValidTo ? certExpiryProblem(seen.certValidTo, at, spec.certExpiryDays) : null;
  if (expiring) return result("DEGRADED", "CERT_EXPIRY", [answer, slow, expiring].filter(Boolean).join(", "));
  if (slow) return result("DEGRADED", "SLOW_RESPONSE", `${answer}, ${slow}`);
  return result("PASS", null, answer);
}

/** Judges a TCP connect that succeeded: PASS, or DEGRADED SLOW_RESPONSE beyond `degradedLatencyMs`. */
export function tcpVerdict(spec: Pick<ProbeSpec, "degradedLatencyMs">, at: Date, target: string, connectMs: number): ProbeResult {
  const latencyMs = Math.round(connectMs);
  const slow = spec.degradedLatencyMs != null && latencyMs > spec.degradedLatencyMs;
  return {
    at,
    level: slow ? "DEGRADED" : "PASS",
    latencyMs,
    statusCode: null,
    errorClass: slow ? "SLOW_RESPONSE" : null,
    target,
    message: `${target} → connected in ${latencyMs} ms${slow ? `, slower than ${spec.degradedLatencyMs} ms` : ""}`,
  };
}

/** A check that got no usable answer: `GET http://… → connection refused`. */
export function failure(at: Date, target: string, errorClass: ProbeErrorClass, detail: string, latencyMs: number | null = null): ProbeResult {
  return {
    at,
    level: "FAIL",
    latencyMs: latencyMs === null ? null : Math.round(latencyMs),
    statusCode: null,
    errorClass,
    target,
    message: `${target} → ${detail}`,
  };
}

/** `timed out after 2000 ms`. */
export function timeoutDetail(timeoutMs: number): string {
  return `timed out after ${timeoutMs} ms`;
}

/**
 * Round trip to report for a failure: none when no connection was made (DNS, refused), else the
 * time spent until the verdict.
 */
export function failureLatency(errorClass: ProbeErrorClass, elapsedMs: number): number | null {
  return errorClass === "DNS" || errorClass === "CONNECTION_REFUSED" ? null : elapsedMs;
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
