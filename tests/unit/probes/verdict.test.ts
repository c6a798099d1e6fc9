import { describe, expect, it } from "vitest";
import type { ProbeSpec } from "@/lib/probes/types";
import {
  bodyProblem,
  certExpiryProblem,
  describeStatus,
  failure,
  failureLatency,
  httpVerdict,
  needsBody,
  statusAllowed,
  tcpVerdict,
  type HttpObservation,
} from "@/lib/probes/verdict";

const AT = new Date("2026-11-26T12:00:00Z");
const DAY = 24 * 3600 * 1000;
const TARGET = "GET http://127.0.0.1:18101/healthz";
const base: ProbeSpec = { kind: "HTTP", address: "127.0.0.1:18101", method: "GET", path: "/healthz", expectedStatuses: [200], timeoutMs: 2000 };
const ok: HttpObservation = { statusCode: 200, latencyMs: 12.4, body: null };

describe("statusAllowed / describeStatus", () => {
  it("passes listed statuses, or any 2xx for an empty list", () => {
    expect(statusAllowed(200, [200])).toBe(true);
    expect(statusAllowed(204, [200])).toBe(false);
    expect(statusAllowed(503, [200, 503])).toBe(true);
    expect(statusAllowed(204, [])).toBe(true);
    expect(statusAllowed(301, [])).toBe(false);
  });

  it("uses the server's reason phrase, else the standard one", () => {
    expect(describeStatus(503)).toBe("503 Service Unavailable");
    expect(describeStatus(200, "Fine")).toBe("200 Fine");
    expect(describeStatus(599)).toBe("599");
  });
});

describe("bodyProblem", () => {
  const json = JSON.stringify({ status: "degraded", checks: { db: { ok: false } }, n: 3 });

  it("checks bodyContains", () => {
    expect(needsBody({ bodyContains: "ok" })).toBe(true);
    expect(needsBody({ bodyContains: "", jsonPath: null })).toBe(false);
    expect(bodyProblem({ bodyContains: "degraded" }, json)).toBeNull();
    expect(bodyProblem({ bodyContains: "ok" }, "fine")).toBe('body does not contain "ok"');
    expect(bodyProblem({ bodyContains: "ok" }, "fine", true)).toBe('body does not contain "ok" (read the first 64 KiB)');
  });

  it("compares the JSON value's string form with jsonEquals", () => {
    expect(bodyProblem({ jsonPath: "status", jsonEquals: "degraded" }, json)).toBeNull();
    expect(bodyProblem({ jsonPath: "n", jsonEquals: "3" }, json)).toBeNull();
    expect(bodyProblem({ jsonPath: "checks.db.ok", jsonEquals: "false" }, json)).toBeNull();
    expect(bodyProblem({ jsonPath: "status", jsonEquals: "ok" }, json)).toBe('JSON status = "degraded", expected "ok"');
    expect(bodyProblem({ jsonPath: "checks.db.ok", jsonEquals: "true" }, json)).toBe('JSON checks.db.ok = false, expected "true"');
    expect(bodyProblem({ jsonPath: "checks.db", jsonEquals: "ok" }, json)).toBe('JSON checks.db = {"ok":false}, expected "ok"');
    expect(bodyProblem({ jsonPath: "checks.cache", jsonEquals: "ok" }, json)).toBe('JSON checks.cache is missing, expected "ok"');
  });

  it("without jsonEquals the path only has to exist", () => {
    expect(bodyProblem({ jsonPath: "checks.db" }, json)).toBeNull();
    expect(bodyProblem({ jsonPath: "checks.cache", jsonEquals: null }, json)).toBe("JSON checks.cache is missing");
  });

  it("reports a body that is not JSON", () => {
    expect(bodyProblem({ jsonPath: "status", jsonEquals: "ok" }, "<html>")).toBe("body is not JSON");
    expect(bodyProblem({ jsonPath: "status", jsonEquals: "ok" }, '{"status":"o', true)).toBe("body is not JSON (read the first 64 KiB)");
  });

  it("shortens long values", () => {
    const long = JSON.stringify({ v: "x".repeat(500) });
    expect(bodyProblem({ jsonPath: "v", jsonEquals: "ok" }, long)).toMatch(/^JSON v = "x{78}…, expected "ok"$/);
  });
});

describe("certExpiryProblem", () => {
  const validTo = (days: number) => new Date(AT.getTime() + days * DAY);

  it("is null while at least `days` days are left", () => {
    expect(certExpiryProblem(validTo(14), AT, 14)).toBeNull();
    expect(certExpiryProblem(validTo(90), AT, 14)).toBeNull();
  });

  it("counts whole days left and shows the date", () => {
    expect(certExpiryProblem(validTo(5.25), AT, 14)).toBe("certificate expires in 5 days (2026-12-01)");
    expect(certExpiryProblem(validTo(1.2), AT, 14)).toBe("certificate expires in 1 day (2026-11-27)");
    expect(certExpiryProblem(validTo(0.3), AT, 14)).toBe("certificate expires in less than a day (2026-11-26)");
    expect(certExpiryProblem(validTo(-1), AT, 14)).toBe("certificate expired on 2026-11-25");
  });
});

describe("httpVerdict", () => {
  const verdict = (spec: Partial<ProbeSpec>, seen: Partial<HttpObservation>) => httpVerdict({ ...base, ...spec }, AT, TARGET, { ...ok, ...seen });

  it("PASS with the status and rounded latency", () => {
    expect(verdict({}, {})).toEqual({
      at: AT,
      level: "PASS",
      latencyMs: 12,
      statusCode: 200,
      errorClass: null,
      target: TARGET,
      message: `${TARGET} → 200 OK in 12 ms`,
    });
  });

  it("FAIL HTTP_STATUS for an unexpected status, before looking at the body", () => {
    const result = verdict({ jsonPath: "status", jsonEquals: "ok" }, { statusCode: 503, body: "{}" });
    expect(result).toMatchObject({ level: "FAIL", errorClass: "HTTP_STATUS", statusCode: 503, latencyMs: 12 });
    expect(result.message).toBe(`${TARGET} → 503 Service Unavailable in 12 ms`);
  });

  it("FAIL BODY_MISMATCH for an unmet body condition", () => {
    const result = verdict({ jsonPath: "status", jsonEquals: "ok" }, { body: '{"status":"degraded"}' });
    expect(result).toMatchObject({ level: "FAIL", errorClass: "BODY_MISMATCH", statusCode: 200 });
    expect(result.message).toBe(`${TARGET} → JSON status = "degraded", expected "ok"`);
    expect(verdict({ bodyContains: "ok" }, { body: null }).message).toBe(`${TARGET} → body was not read`);
  });

  it("DEGRADED SLOW_RESPONSE above degradedLatencyMs, PASS at it", () => {
    const slow = verdict({ degradedLatencyMs: 1000 }, { latencyMs: 1830 });
    expect(slow).toMatchObject({ level: "DEGRADED", errorClass: "SLOW_RESPONSE", latencyMs: 1830 });
    expect(slow.message).toBe(`${TARGET} → 200 OK in 1830 ms, slower than 1000 ms`);
    expect(verdict({ degradedLatencyMs: 1000 }, { latencyMs: 1000 }).level).toBe("PASS");
  });

  it("DEGRADED CERT_EXPIRY when the certificate expires within certExpiryDays; it wins over slowness", () => {
    const certValidTo = new Date("2026-12-01T18:00:00Z");
    const expiring = verdict({ certExpiryDays: 14 }, { certValidTo });
    expect(expiring).toMatchObject({ level: "DEGRADED", errorClass: "CERT_EXPIRY" });
    expect(expiring.message).toBe(`${TARGET} → 200 OK in 12 ms, certificate expires in 5 days (2026-12-01)`);
    const both = verdict({ certExpiryDays: 14, degradedLatencyMs: 1000 }, { certValidTo, latencyMs: 1830 });
    expect(both.errorClass).toBe("CERT_EXPIRY");
    expect(both.message).toBe(`${TARGET} → 200 OK in 1830 ms, slower than 1000 ms, certificate expires in 5 days (2026-12-01)`);
    expect(verdict({ certExpiryDays: 3 }, { certValidTo }).level).toBe("PASS");
    expect(verdict({}, { certValidTo }).level).toBe("PASS"); // not asked for
  });
});

describe("tcpVerdict / failure", () => {
  it("PASS or DEGRADED on connect time", () => {
    expect(tcpVerdict({}, AT, "tcp://127.0.0.1:18101", 2.2)).toMatchObject({
      level: "PASS",
      latencyMs: 2,
      errorClass: null,
      message: "tcp://127.0.0.1:18101 → connected in 2 ms",
    });
    expect(tcpVerdict({ degradedLatencyMs: 100 }, AT, "tcp://a:1", 250)).toMatchObject({
      level: "DEGRADED",
      errorClass: "SLOW_RESPONSE",
      message: "tcp://a:1 → connected in 250 ms, slower than 100 ms",
    });
  });

  it("FAIL with the detail; no latency when no connection was made", () => {
    expect(failure(AT, TARGET, "CONNECTION_REFUSED", "connection refused")).toEqual({
      at: AT,
      level: "FAIL",
      latencyMs: null,
      statusCode: null,
      errorClass: "CONNECTION_REFUSED",
      target: TARGET,
      message: `${TARGET} → connection refused`,
    });
    expect(failure(AT, TARGET, "TIMEOUT", "timed out after 2000 ms", 2000.6).latencyMs).toBe(2001);
    expect(failureLatency("DNS", 5)).toBeNull();
    expect(failureLatency("CONNECTION_REFUSED", 5)).toBeNull();
    expect(failureLatency("TLS", 5)).toBe(5);
  });
});
