import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "@/lib/config/env";

// Next.js types NODE_ENV as required; loadEnv does not read it.
const load = (vars: Record<string, string> = {}) => loadEnv(vars as NodeJS.ProcessEnv);

/** The ConfigError loadEnv throws for `source` (fails the test if it does not throw one). */
function configError(source: Record<string, string>): ConfigError {
  try {
    load(source);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadEnv accepted ${JSON.stringify(source)}`);
}

describe("loadEnv", () => {
  it("defaults everything that is unset", () => {
    const env = load();
    expect(env).toEqual({
      FAULTLINE_DATA_DIR: "data",
      FAULTLINE_ENV_NAME: "local",
      FAULTLINE_SESSION_HOURS: 12,
      FAULTLINE_LOGIN_LOCK_SECONDS: 300,
      FAULTLINE_ACCOUNT_LOCK_SECONDS: 900,
      FAULTLINE_POLLER: "on",
      FAULTLINE_POLLER_CONCURRENCY: 256,
      FAULTLINE_RAW_RETENTION_HOURS: 24,
      FAULTLINE_ROLLUP_RETENTION_DAYS: 90,
      FAULTLINE_BALANCER_OBSERVE_MS: 1_000,
      FAULTLINE_BALANCER_TIMEOUT_MS: 2_000,
      FAULTLINE_CONFIG_PRUNE: "false",
      FAULTLINE_CONFIG_POLL_MS: 5_000,
      FAULTLINE_NOTIFY: "on",
      FAULTLINE_NOTIFY_POLL_MS: 200,
      FAULTLINE_NOTIFY_GROUP_WAIT_MS: 10_000,
      FAULTLINE_NOTIFY_RETRY_BASE_MS: 2_000,
      FAULTLINE_NOTIFY_RETRY_MAX_MS: 300_000,
      FAULTLINE_NOTIFY_GIVE_UP_MS: 86_400_000,
      FAULTLINE_NOTIFY_LEASE_GRACE_MS: 5_000,
      FAULTLINE_NOTIFY_DRIFT_AFTER_MS: 300_000,
      LOG_LEVEL: "info",
      dataDir: path.resolve("data"),
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.FAULTLINE_PG_PORT).toBeUndefined();
  });

  it("wants the first-run admin's email and password together", () => {
    expect(() => load({ FAULTLINE_ADMIN_EMAIL: "a@example.com" })).toThrow(/set both or neither/);
    expect(load({ FAULTLINE_ADMIN_EMAIL: "a@example.com", FAULTLINE_ADMIN_PASSWORD: "long-enough-1" }).FAULTLINE_ADMIN_EMAIL).toBe("a@example.com");
    expect(() => load({ FAULTLINE_BOOTSTRAP_TOKEN: "short" })).toThrow(/FAULTLINE_BOOTSTRAP_TOKEN: must be at least 32/);
  });

  it("takes a 32-byte secret key as hex or base64 and names a wrong one", () => {
    expect(load({ FAULTLINE_SECRET_KEY: "ab".repeat(32) }).FAULTLINE_SECRET_KEY).toBe("ab".repeat(32));
    expect(load({ FAULTLINE_SECRET_KEY: Buffer.alloc(32, 7).toString("base64") }).FAULTLINE_SECRET_KEY).toBeDefined();
    expect(() => load({ FAULTLINE_SECRET_KEY: "ab".repeat(16) })).toThrow(/FAULTLINE_SECRET_KEY: must be 32 bytes/);
    expect(load({ FAULTLINE_METRICS_PORT: "9464" }).FAULTLINE_METRICS_PORT).toBe(9464);
    expect(() => load({ FAULTLINE_METRICS_PORT: "80" })).toThrow(/FAULTLINE_METRICS_PORT/);
  });

  it("reads the given source, not process.env", () => {
    const saved = process.env.FAULTLINE_ENV_NAME;
    process.env.FAULTLINE_ENV_NAME = "from-process-env";
    try {
      expect(load({ FAULTLINE_ENV_NAME: "staging" }).FAULTLINE_ENV_NAME).toBe("staging");
    } finally {
      if (saved === undefined) delete process.env.FAULTLINE_ENV_NAME;
      else process.env.FAULTLINE_ENV_NAME = saved;
    }
  });

  it("resolves the data dir to an absolute path", () => {
    expect(load({ FAULTLINE_DATA_DIR: "var/faultline" }).dataDir).toBe(path.resolve("var/faultline"));
    expect(load({ FAULTLINE_DATA_DIR: "/srv/faultline" }).dataDir).toBe("/srv/faultline");
  });

  it("accepts postgres:// and postgresql:// database URLs", () => {
    for (const url of ["postgres://u:p@db:5432/faultline", "postgresql://db/faultline"]) {
      expect(load({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it("treats an empty DATABASE_URL as unset (embedded database)", () => {
    expect(load({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("rejects another DATABASE_URL scheme with one line naming the variable", () => {
    for (const url of ["mysql://u:p@db/faultline", "db.example.com:5432/faultline", "http://db"]) {
      const err = configError({ DATABASE_URL: url });
      expect(err.message).toMatch(/^DATABASE_URL: /);
      expect(err.message).toContain("postgres://");
      expect(err.message).not.toContain("\n");
    }
  });

  it("parses FAULTLINE_PG_PORT as a port number", () => {
    expect(load({ FAULTLINE_PG_PORT: "55432" }).FAULTLINE_PG_PORT).toBe(55432);
    expect(load({ FAULTLINE_PG_PORT: "1024" }).FAULTLINE_PG_PORT).toBe(1024);
    expect(load({ FAULTLINE_PG_PORT: "65535" }).FAULTLINE_PG_PORT).toBe(65535);
  });

  it("rejects a FAULTLINE_PG_PORT that is not a usable port", () => {
    for (const port of ["abc", "80", "1023", "65536", "5432.5", "-1"]) {
      expect(configError({ FAULTLINE_PG_PORT: port }).message).toMatch(/^FAULTLINE_PG_PORT: /);
    }
  });

  it("names the offending variable for other bad values", () => {
    expect(configError({ LOG_LEVEL: "verbose" }).message).toMatch(/^LOG_LEVEL: /);
    expect(configError({ FAULTLINE_ENV_NAME: "x".repeat(41) }).message).toMatch(/^FAULTLINE_ENV_NAME: /);
    expect(configError({ FAULTLINE_DATA_DIR: "" }).message).toMatch(/^FAULTLINE_DATA_DIR: /);
  });
});
