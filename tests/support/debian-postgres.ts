import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { postgresRunAs, prepareOwnedDir } from "@/lib/db/embedded/os-user";
import { freePort } from "@/lib/net/free-port";

const run = promisify(execFile);

/** Debian's PostgreSQL 15 binaries — the oldest server version Faultline supports. */
const PG15_BIN = "/usr/lib/postgresql/15/bin";

export interface ThrowawayCluster {
  /** Superuser URL to the `postgres` database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
  /** Start it again after stop(), on the same port and data. */
  start(): Promise<void>;
}

/**
 * Start a throwaway Debian PostgreSQL 15 cluster in `dir` on a free loopback port (password
 * auth, like an operator's server). As root it runs as the `postgres` user.
 */
export async function startDebianPostgres15(dir: string): Promise<ThrowawayCluster> {
  const initdb = path.join(PG15_BIN, "initdb");
  if (
    !(await fs.stat(initdb).then(
      () => true,
      () => false,
    ))
  ) {
    throw new Error(`Debian PostgreSQL 15 not found at ${PG15_BIN}: apt-get install -y postgresql (.ci/run does this)`);
  }
  const runAs = postgresRunAs();
  const dataDir = path.join(dir, "pg15");
  await prepareOwnedDir(dataDir, runAs);
  const pwFile = path.join(dir, "pg15-pw");
  const password = "pg15-test-secret";
  await fs.writeFile(pwFile, password + "\n", { mode: 0o644 });
  const as = { uid: runAs?.uid, gid: runAs?.gid, env: { ...process.env, LC_ALL: "C" } };
  await run(initdb, ["-D", dataDir, "-U", "faultline", "--auth=scram-sha-256", `--pwfile=${pwFile}`, "--encoding=UTF8"], as);
  const port = await freePort();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir} -c fsync=off`;
  const start = () =>
    run(path.join(PG15_BIN, "pg_ctl"), ["-D", dataDir, "-o", opts, "-l", path.join(dataDir, "server.log"), "-w", "start"], as).then(() => undefined);
  await start();
  return {
    adminUrl: `postgresql://faultline:${password}@127.0.0.1:${port}/postgres`,
    port,
    start,
    async stop() {
      await run(path.join(PG15_BIN, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"], as).catch(() => undefined);
    },
  };
}
