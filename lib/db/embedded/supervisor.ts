import type { ChildProcess } from "node:child_process";
import { errLine, log } from "@/lib/log";
import { databaseHealth, setDatabaseHealth } from "../health";
import { firstAttemptAfterExit, restartDelayMs } from "./restart-policy";

/** What the supervisor needs from the server it watches. */
export interface Restartable {
  /** Start the server again; resolves with its (postmaster) process once it accepts connections. */
  restart(): Promise<ChildProcess>;
  /** Stop the running server; only called while one runs. */
  stop(): Promise<void>;
}

export interface Supervisor {
  /** Stop supervising (no restart from now on), then stop the server if it runs. */
  stop(): Promise<void>;
}

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/**
 * Watch the postmaster `first` and restart the server whenever it exits (crash, OOM kill, kill -9,
 * an operator's `pg_ctl stop`), with bounded exponential backoff (lib/db/embedded/restart-policy).
 * Never while stopping: after `stop()`, or once `shuttingDown()` says the process is shutting down
 * (a terminal's Ctrl-C reaches PostgreSQL too, before our ordered shutdown gets to it).
 * Each restart logs one line (why, attempt, seconds down) and is published in databaseHealth().
 */
export function supervise(first: ChildProcess, target: Restartable, o: { shuttingDown?: () => boolean } = {}): Supervisor {
  let child: ChildProcess | undefined;
  let upSince = Date.now();
  let attempt = 0; // the attempt that brought up the running server (0: the first start)
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;
  const quitting = () => stopping || (o.shuttingDown?.() ?? false);

  function watch(c: ChildProcess): void {
    child = c;
    c.once("exit", (code, signal) => onExit(c, code, signal));
    if (exited(c)) onExit(c, c.exitCode, c.signalCode); // died before we listened
  }

  function onExit(c: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (c !== child) return;
    child = undefined;
    if (quitting()) return;
    const downSince = Date.now();
    setDatabaseHealth({ state: "RESTARTING" });
    const reason = signal ? `postmaster killed by ${signal}` : `postmaster exited with code ${code}`;
    schedule(firstAttemptAfterExit(attempt, downSince - upSince), reason, downSince);
  }

  function schedule(n: number, reason: string, downSince: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      restarting = tryRestart(n, reason, downSince).finally(() => (restarting = undefined));
    }, restartDelayMs(n));
  }

  async function tryRestart(n: number, reason: string, downSince: number): Promise<void> {
    if (quitting()) return;
    let c: ChildProcess;
    try {
      c = await target.restart();
    } catch (err) {
      if (quitting()) return;
      log.warn({ reason, attempt: n, err: errLine(err), retryInSec: restartDelayMs(n + 1) / 1000 }, "embedded PostgreSQL restart failed; retrying");
      schedule(n + 1, reason, downSince);
      return;
    }
    attempt = n;
    upSince = Date.now();
    const downSec = seconds(upSince - downSince);
    setDatabaseHealth({ state: "UP", restarts: (databaseHealth()?.restarts ?? 0) + 1, lastRestartAt: new Date(upSince).toISOString(), lastDownSec: downSec });
    log.warn({ reason, attempt: n, downSec }, "embedded PostgreSQL restarted");
    watch(c); // after the bookkeeping: an immediate exit schedules the next attempt from here
  }

  watch(first);
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await restarting;
      if (child && !exited(child)) {
        child = undefined;
        await target.stop();
      }
    },
  };
}
