import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { log } from "@/lib/log";

/** Any constant works; it only has to be the same for every Faultline replica. */
const MIGRATION_LOCK_KEY = 7_345_021_998;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** Read Prisma-format migrations (`<dir>/<timestamp>_<name>/migration.sql`) in order. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await fs.readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

// Same table and columns as Prisma's migrate, so `prisma migrate status` elsewhere agrees.
const CREATE_HISTORY = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Apply pending migrations under a session advisory lock, so replicas starting together migrate
 * once and the others wait. Each migration runs in one transaction with its history row: a
 * failure leaves the schema as it was and is recorded as rolled back (the next start retries).
 */
export async function migrate(url: string, migrations?: Migration[]): Promise<MigrateResult> {
  const list = migrations ?? (await readMigrations());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_HISTORY);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const m of list) {
      const recorded = done.get(m.name);
      if (recorded) {
        if (recorded !== m.checksum) log.warn({ migration: m.name }, "applied migration was edited afterwards; not re-applied");
        continue;
      }
      await applyOne(client, m);
      applied.push(m.name);
      log.info({ migration: m.name }, "migration applied");
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: Migration): Promise<void> {
  const id = crypto.randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(m.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [id, m.checksum, m.name],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    const message = (err as Error).message;
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at)
       VALUES ($1, $2, $3, $4, now(), now())`,
      [id, m.checksum, m.name, message],
    );
    throw new MigrationError(m.name, message);
  }
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    detail: string,
  ) {
    super(`migration ${migration} failed and was rolled back: ${detail}`);
    this.name = "MigrationError";
  }
}
