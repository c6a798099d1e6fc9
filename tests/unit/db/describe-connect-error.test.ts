import { describe, expect, it } from "vitest";
import { describeConnectError, redactedTarget } from "@/lib/db/describe-connect-error";

const PASSWORD = "s3cr3t/p@ss word";
const URL_WITH_PASSWORD = `postgresql://faultline:${encodeURIComponent(PASSWORD)}@db.internal:6543/faultline`;

/** A driver-like error: pg and Node put the reason in `code`. */
const failure = (code: string | undefined, message: string) => Object.assign(new Error(message), { code });

describe("describeConnectError", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["ECONNREFUSED", "connect ECONNREFUSED 10.0.0.5:6543", /connection refused/],
    ["ENOTFOUND", "getaddrinfo ENOTFOUND db.internal", /host name not found/],
    ["EAI_AGAIN", "getaddrinfo EAI_AGAIN db.internal", /host name not found/],
    ["ETIMEDOUT", "connect ETIMEDOUT", /timed out/],
    ["28P01", 'password authentication failed for user "faultline"', /refused the credentials/],
    ["28000", 'no pg_hba.conf entry for host "10.0.0.9"', /refused the credentials/],
    ["3D000", 'database "faultline" does not exist', /database does not exist/],
  ];

  it.each(cases)("%s → one line saying why, with where it tried", (code, message, why) => {
    const line = describeConnectError(failure(code, message), URL_WITH_PASSWORD);
    expect(line).toMatch(why);
    expect(line).toContain("db.internal:6543/faultline as faultline");
    expect(line).not.toContain("\n");
  });

  it("keeps the server's words for rejected credentials", () => {
    const line = describeConnectError(failure("28P01", 'password authentication failed for user "faultline"'), URL_WITH_PASSWORD);
    expect(line).toContain('password authentication failed for user "faultline"');
  });

  it("falls back to the first line of an unknown error", () => {
    const line = describeConnectError(failure("XX000", "something odd\n    at stack frame"), URL_WITH_PASSWORD);
    expect(line).toBe("cannot use PostgreSQL at db.internal:6543/faultline as faultline: something odd");
    expect(describeConnectError("plain string thrown", URL_WITH_PASSWORD)).toContain("plain string thrown");
  });

  it("never prints the password, encoded or not", () => {
    const all = [...cases.map(([code, message]) => failure(code, message)), failure(undefined, "socket hang up"), "thrown string"];
    for (const err of all) {
      const line = describeConnectError(err, URL_WITH_PASSWORD);
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(encodeURIComponent(PASSWORD));
      expect(line).not.toContain("s3cr3t");
    }
  });
});

describe("redactedTarget", () => {
  it("shows host, port, database and user only", () => {
    expect(redactedTarget(URL_WITH_PASSWORD)).toBe("db.internal:6543/faultline as faultline");
  });

  it("fills in PostgreSQL's default port and leaves out a missing user", () => {
    expect(redactedTarget("postgres://db.internal/app")).toBe("db.internal:5432/app");
  });

  it("decodes an encoded user name", () => {
    expect(redactedTarget("postgres://ops%40corp:pw@db/app")).toBe("db:5432/app as ops@corp");
  });

  it("does not echo a URL it cannot parse (it may hold a password)", () => {
    expect(redactedTarget("not a url with s3cr3t")).toBe("(unparseable URL)");
  });
});

describe("describeConnectError never repeats the password", () => {
  it("blanks it out of the driver's own words", () => {
    const url = "postgresql://u:s3cr%2Ft@db.example:5432/app";
    const line = describeConnectError({ code: "XX000", message: "weird failure mentioning s3cr/t twice: s3cr/t" }, url);
    expect(line).not.toContain("s3cr/t");
    expect(line).toContain("***");
  });
});
