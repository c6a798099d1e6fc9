import { describe, expect, it } from "vitest";
import { probeSpecFromInstance, type InstanceCheckRow } from "@/lib/probes/types";

const row: InstanceCheckRow = {
  name: "api-2",
  address: "127.0.0.1:18102",
  checkKind: "HTTP",
  checkScheme: "http",
  checkMethod: "GET",
  checkPath: "/healthz",
  checkHeaders: null,
  checkExpectedStatuses: [200, 204],
  checkBodyContains: null,
  checkJsonPath: "status",
  checkJsonEquals: "ok",
  checkTimeoutMs: 2000,
  checkDegradedLatencyMs: 1000,
  checkCertExpiryDays: null,
  checkTlsCa: null,
};

describe("probeSpecFromInstance", () => {
  it("maps the check columns, http by default", () => {
    expect(probeSpecFromInstance(row)).toEqual({
      kind: "HTTP",
      address: "127.0.0.1:18102",
      scheme: "http",
      method: "GET",
      path: "/healthz",
      expectedStatuses: [200, 204],
      bodyContains: null,
      jsonPath: "status",
      jsonEquals: "ok",
      timeoutMs: 2000,
      degradedLatencyMs: 1000,
      certExpiryDays: null,
      tlsCa: null,
    });
  });

  it("takes headers, the scheme and a private CA from the row", () => {
    const spec = probeSpecFromInstance({
      ...row,
      checkScheme: "https",
      checkHeaders: { authorization: "Bearer t" },
      checkCertExpiryDays: 14,
      checkTlsCa: "PEM",
    });
    expect(spec).toMatchObject({ headers: { authorization: "Bearer t" }, scheme: "https", tlsCa: "PEM", certExpiryDays: 14 });
  });

  it("refuses headers that are not an object of strings, naming the instance", () => {
    for (const checkHeaders of [["x"], { retries: 3 }, "x-a: b"]) {
      expect(() => probeSpecFromInstance({ ...row, checkHeaders })).toThrow("instance api-2: checkHeaders must be an object of strings or { env } references");
    }
  });

  it("reads { env } header values from the environment at check time, and names a variable that is not set", () => {
    const headers = { authorization: { env: "FAULTLINE_CHECK_HEALTH_TOKEN" }, "x-team": "shop" };
    expect(probeSpecFromInstance({ ...row, checkHeaders: headers }, { FAULTLINE_CHECK_HEALTH_TOKEN: "Bearer s3cret" })).toMatchObject({
      headers: { authorization: "Bearer s3cret", "x-team": "shop" },
    });
    const spec = probeSpecFromInstance({ ...row, checkHeaders: headers }, {});
    expect(spec.headerProblem).toBe("header authorization: environment variable FAULTLINE_CHECK_HEALTH_TOKEN is not set on the Faultline server");
    expect(spec.headers).toEqual({ "x-team": "shop" });
  });

  it("never reads a variable that is not a check variable, even from a row written by hand", () => {
    const spec = probeSpecFromInstance({ ...row, checkHeaders: { authorization: { env: "FAULTLINE_AUTH_SECRET" } } }, { FAULTLINE_AUTH_SECRET: "key" });
    expect(spec.headers).toEqual({});
    expect(spec.headerProblem).toBe("header authorization: FAULTLINE_AUTH_SECRET is not a check variable (FAULTLINE_CHECK_…)");
  });
});
