import pg from "pg";
import type { Env } from "@/lib/config/env";
import { StartupError } from "@/lib/errors/startup-error";
import { log } from "@/lib/log";
import { describeConnectError, redactedTarget } from "./describe-connect-error";
import { startEmbeddedPostgres } from "./embedded/server";
import { setDatabaseHealth } from "./health";
import { migrate, MigrationError } from "./migrate";

export type DbMode = "embedded" | "external";

export interface StartedDatabase {
  mode: DbMode;
  url: string;
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Connect once to prove the URL works; throws StartupError with one line otherwise. */
export async function assertReachable(url: string): Promise<{ serverVersion: number }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SHOW server_version_num");
    return { serverVersion: Number(rows[0]?.v) };
  } catch (err) {
    throw new StartupError(describeConnectError(err, url));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Bring up the database Faultline runs on: the operator's PostgreSQL when DATABASE_URL is set
 * (nothing embedded starts), otherwise our own embedded PostgreSQL 18, supervised: restarted
 * whenever it exits, unless `shuttingDown()` says we are stopping. Then apply migrations.
 */
export async function startDatabase(env: Env, o: { shuttingDown?: () => boolean } = {}): Promise<StartedDatabase> {
  let db: StartedDatabase;
  if (env.DATABASE_URL) {
    const { serverVersion } = await assertReachable(env.DATABASE_URL);
    if (serverVersion < 150000) {
      throw new StartupError(`PostgreSQL at ${redactedTarget(env.DATABASE_URL)} is version ${serverVersion}; Faultline needs 15 or newer`);
    }
    db = { mode: "external", url: env.DATABASE_URL, stop: async () => undefined };
    // The operator's PostgreSQL is theirs to restart; an outage still answers 503 (lib/http/respond).
    setDatabaseHealth({ mode: "external", state: "UP", restarts: 0, lastRestartAt: null, lastDownSec: null });
  } else {
    const server = await startEmbeddedPostgres({ dataDir: env.dataDir, port: env.FAULTLINE_PG_PORT, supervise: true, shuttingDown: o.shuttingDown });
    db = { mode: "embedded", url: server.url, stop: () => server.stop() };
  }
  try {
    const result = await migrate(db.url);
    log.info({ db: db.mode, target: redactedTarget(db.url), applied: result.applied.length }, "database ready");
  } catch (err) {
    await db.stop().catch(() => undefined);
    if (err instanceof MigrationError) throw new StartupError(err.message.split("\n")[0]!);
    throw new StartupError(describeConnectError(err, db.url));
  }
  return db;
}
