import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded/server";
import { migrate, MigrationError, readMigrations, type Migration } from "@/lib/db/migrate";
import { diffSchema } from "@/dev/db-diff/schema-diff";
import { withClient } from "../support/databases";

/**
 * Applies the real migrations (prisma/migrations) with lib/db/migrate.ts to fresh databases on one
 * embedded PostgreSQL, and checks the hand-written parts of the init migration do their job.
 */

let dataDir: string | undefined;
let server: EmbeddedServer | undefined;
let initName: string;
/** Every migration in prisma/migrations, in order (the tests must not care how many there are). */
let allNames: string[];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "faultline-migrate-test-"));
  await fs.chmod(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  server = await startEmbeddedPostgres({ dataDir });
  const dirs = await fs.readdir("prisma/migrations");
  initName = dirs.find((d) => d.endsWith("_init")) ?? "";
  allNames = (await readMigrations()).map((m) => m.name);
  expect(initName, "prisma/migrations/<timestamp>_init").not.toBe("");
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** A new empty database on the test server; returns its URL. */
async function freshDatabase(): Promise<string> {
  const name = `m_${crypto.randomUUID().replaceAll("-", "")}`;
  await withClient(server!.url, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(server!.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The PostgreSQL error a statement fails with (SQLSTATE code, constraint, message). */
async function pgError(client: pg.Client, sql: string, params: unknown[] = []): Promise<pg.DatabaseError> {
  const err = await client.query(sql, params).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected to fail: ${sql}`).toBeInstanceOf(pg.DatabaseError);
  return err as pg.DatabaseError;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

function history(client: pg.Client): Promise<HistoryRow[]> {
  return client.query<HistoryRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`).then((r) => r.rows);
}

describe("migrate()", () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase();
  });

  it("applies the init migration and records it with the file's sha256", async () => {
    const result = await migrate(url);
    expect(result).toEqual({ applied: allNames, alreadyApplied: 0 });

    const file = await fs.readFile(path.join("prisma/migrations", initName, "migration.sql"));
    const sha256 = crypto.createHash("sha256").update(file).digest("hex");
    await withClient(url, async (c) => {
      const rows = await history(c);
      expect(rows).toHaveLength(allNames.length);
      expect(rows[0]).toMatchObject({ migration_name: initName, checksum: sha256, rolled_back_at: null, applied_steps_count: 1 });
      expect(rows[0]!.finished_at).toBeInstanceOf(Date);
      const tables = await c.query(`SELECT to_regclass('"Fault"') AS fault, to_regclass('"AuditEntry"') AS audit`);
      expect(tables.rows[0]).toEqual({ fault: '"Fault"', audit: '"AuditEntry"' });
    });
  });

  it("applies nothing the second time", async () => {
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: allNames.length });
    await withClient(url, async (c) => expect(await history(c)).toHaveLength(allNames.length));
  });

  it("migrates once when two replicas start together (advisory lock)", async () => {
    const fresh = await freshDatabase();
    const results = await Promise.all([migrate(fresh), migrate(fresh)]);
    expect(results.flatMap((r) => r.applied)).toEqual(allNames);
    await withClient(fresh, async (c) => {
      const rows = await history(c);
      expect(rows.map((r) => [r.migration_name, r.rolled_back_at])).toEqual(allNames.map((n) => [n, null]));
    });
  });

  it("rolls a broken migration back completely and throws MigrationError", async () => {
    const fresh = await freshDatabase();
    const sql = `CREATE TABLE "Half" ("id" INTEGER);\nALTER TABLE "Fault" ADD COLUMN "half" TEXT;\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n`;
    const broken: Migration = {
      name: "29991231235959_broken",
      sql,
      checksum: crypto.createHash("sha256").update(sql).digest("hex"),
    };
    const migrations = [...(await readMigrations()), broken];

    const err = await migrate(fresh, migrations).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migration).toBe(broken.name);
    expect((err as Error).message).toContain("NoSuchTable");

    await withClient(fresh, async (c) => {
      const half = await c.query(
        `SELECT to_regclass('"Half"') AS tbl, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'Fault' AND column_name = 'half') AS col`,
      );
      expect(half.rows[0]).toEqual({ tbl: null, col: 0 });
      const rows = await history(c);
      expect(rows.find((r) => r.migration_name === initName)).toMatchObject({ rolled_back_at: null });
      const failed = rows.find((r) => r.migration_name === broken.name);
      expect(failed).toMatchObject({ finished_at: null, applied_steps_count: 0 });
      expect(failed?.rolled_back_at).toBeInstanceOf(Date);
      expect(failed?.logs).toContain("NoSuchTable");
    });
    // The failed attempt does not count as applied: the real migrations are complete.
    expect(await migrate(fresh)).toEqual({ applied: [], alreadyApplied: allNames.length });
  });
});

describe("hand-written part of the init migration", () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase();
    await migrate(url);
  });

  it("makes AuditEntry append-only (no UPDATE, DELETE or TRUNCATE)", async () => {
    await withClient(url, async (c) => {
      await c.query(`INSERT INTO "AuditEntry" (actor, action, target, result) VALUES ('alice', 'instance.set_weight', 'instance:api-1', 'OK')`);
      for (const sql of [`UPDATE "AuditEntry" SET actor = 'mallory'`, `DELETE FROM "AuditEntry"`, `TRUNCATE "AuditEntry"`]) {
        expect((await pgError(c, sql)).message).toBe("AuditEntry is append-only");
      }
      const rows = await c.query(`SELECT actor FROM "AuditEntry"`);
      expect(rows.rows).toEqual([{ actor: "alice" }]);
    });
  });

  it("allows one unresolved fault per fingerprint, and numbers faults from 1001", async () => {
    await withClient(url, async (c) => {
      const service = await c.query<{ id: string }>(`INSERT INTO "Service" (id, name, "updatedAt") VALUES (gen_random_uuid(), 'checkout', now()) RETURNING id`);
      const insertFault = (status: string) =>
        c.query<{ number: number }>(
          `INSERT INTO "Fault" (id, type, status, "serviceId", "startedAt", "detectedAt", cause, source, fingerprint, "updatedAt")
           VALUES (gen_random_uuid(), 'TIMEOUT', $1, $2, now(), now(), 'probe timed out', 'POLLER', 'checkout:timeout', now())
           RETURNING number`,
          [status, service.rows[0]!.id],
        );

      expect((await insertFault("OPEN")).rows[0]!.number).toBe(1001);
      for (const status of ["OPEN", "ACKNOWLEDGED"]) {
        const err = await insertFault(status).then(
          () => undefined,
          (e: pg.DatabaseError) => e,
        );
        expect(err).toMatchObject({ code: "23505", constraint: "Fault_open_fingerprint_key" });
      }
      await insertFault("RESOLVED");
      await insertFault("RESOLVED");
      const counts = await c.query(`SELECT status, count(*)::int AS n FROM "Fault" GROUP BY status ORDER BY status`);
      expect(counts.rows).toEqual([
        { status: "OPEN", n: 1 },
        { status: "RESOLVED", n: 2 },
      ]);
    });
  });

  it("rejects out-of-range values with CHECK constraints", async () => {
    await withClient(url, async (c) => {
      const sloErr = await pgError(c, `INSERT INTO "Service" (id, name, "sloTargetPct", "updatedAt") VALUES (gen_random_uuid(), 'bad-slo', 100.5, now())`);
      expect(sloErr).toMatchObject({ code: "23514", constraint: "Service_sloTargetPct_check" });
      const svc = await c.query<{ id: string }>(`INSERT INTO "Service" (id, name, "updatedAt") VALUES (gen_random_uuid(), 'web', now()) RETURNING id`);
      const pool = await c.query<{ id: string }>(
        `INSERT INTO "Pool" (id, "serviceId", name, role, "updatedAt") VALUES (gen_random_uuid(), $1, 'web-blue', 'ACTIVE', now()) RETURNING id`,
        [svc.rows[0]!.id],
      );
      const instance = (column: string, value: number) =>
        pgError(
          c,
          `INSERT INTO "Instance" (id, "poolId", name, address, "${column}", "updatedAt") VALUES (gen_random_uuid(), $1, $2, '127.0.0.1:1', $3, now())`,
          [pool.rows[0]!.id, `web-${column}`, value],
        );
      expect(await instance("desiredWeight", 257)).toMatchObject({ constraint: "Instance_desiredWeight_check" });
      expect(await instance("observedWeight", -1)).toMatchObject({ constraint: "Instance_observedWeight_check" });
      expect(await instance("checkIntervalMs", 999)).toMatchObject({ constraint: "Instance_checkIntervalMs_check" });
      expect(await instance("checkTimeoutMs", 0)).toMatchObject({ constraint: "Instance_checkTimeoutMs_check" });
      expect(await instance("checkFall", 0)).toMatchObject({ constraint: "Instance_checkFall_check" });
    });
  });
});

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("agree: `npm run db:diff` would report no schema changes", async () => {
    const diff = await diffSchema({ serverUrl: server!.url });
    expect(diff.sql).toBe("");
    expect(diff.dropsHandWritten).toEqual([]);
  });
});
