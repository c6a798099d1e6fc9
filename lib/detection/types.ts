/**
 * Shared vocabulary of the poller: what a probe reports, and what the threshold state machine
 * concludes from a sequence of reports. Pure types: no I/O here.
 */

/** Why a check failed or degraded. Matches the database's FaultType names. */
export type ProbeErrorClass = "TIMEOUT" | "CONNECTION_REFUSED" | "DNS" | "TLS" | "CERT_EXPIRY" | "HTTP_STATUS" | "BODY_MISMATCH" | "SLOW_RESPONSE" | "UNKNOWN";

/** PASS: healthy. DEGRADED: answered correctly but slow / certificate expiring. FAIL: not serving. */
export type ProbeLevel = "PASS" | "DEGRADED" | "FAIL";

/** One check of one instance. */
export interface ProbeResult {
  /** When the check started. */
  at: Date;
  level: ProbeLevel;
  /** Round trip until the verdict (null when no connection was made, e.g. DNS failure). */
  latencyMs: number | null;
  /** HTTP status, when an HTTP answer arrived. */
  statusCode: number | null;
  /** Set for DEGRADED and FAIL; null for PASS. */
  errorClass: ProbeErrorClass | null;
  /** What was checked: `GET http://127.0.0.1:18101/healthz` or `tcp://127.0.0.1:18101`. */
  target: string;
  /** One line an operator can act on, e.g. `GET http://… → 503 Service Unavailable in 12 ms`. */
  message: string;
}

export interface Thresholds {
  /** Consecutive non-failing checks to leave DOWN (and clean checks to leave DEGRADED). */
  rise: number;
  /** Consecutive failing checks to enter DOWN (and degraded checks to enter DEGRADED). */
  fall: number;
}
