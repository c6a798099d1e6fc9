import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { RunAs } from "./os-user";

const run = promisify(execFile);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function cmdline(pid: number): Promise<string> {
  return fs.readFile(`/proc/${pid}/cmdline`, "utf8").then(
    (s) => s.replace(/\0/g, " "),
    () => "",
  );
}

/** The pid of a postmaster still running on `pgDir` (from its postmaster.pid), if any. */
export async function runningPostmaster(pgDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(pgDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number(text.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  // A recycled pid may now belong to something else: only a postgres process counts.
  return (await cmdline(pid)).includes("postgres") ? pid : undefined;
}

/** True when `pid` is a live process (used for the owner recorded in the connection file). */
export function processAlive(pid: number): boolean {
  return alive(pid);
}

/**
 * Stop a postmaster left behind by a crashed or `kill -9`ed Faultline server. `pg_ctl stop -m fast`
 * rolls back open transactions; committed data is on disk (fsync on), so nothing is lost.
 */
export async function stopOrphan(pgCtl: string, pgDir: string, runAs: RunAs | undefined): Promise<void> {
  await run(pgCtl, ["-D", pgDir, "stop", "-m", "fast", "-w", "-t", "30"], {
    uid: runAs?.uid,
    gid: runAs?.gid,
    env: { ...process.env, LC_ALL: "C" },
  });
}
