import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import { StartupError } from "@/lib/errors/startup-error";

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user (Debian's
 * postgresql package creates it); we never create OS users ourselves.
 * Returns undefined when not root (run as ourselves).
 */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new StartupError(
      "running as root, but PostgreSQL cannot run as root and there is no 'postgres' user: " +
        "install it with `apt-get install -y postgresql` (or `useradd --system postgres`), or run Faultline as a normal user",
    );
  }
}

/**
 * Make `dir` exist and belong to the user PostgreSQL runs as, and make sure that user can reach
 * it (every parent must be traversable — a 0700 temp dir is not).
 */
export async function prepareOwnedDir(dir: string, runAs: RunAs | undefined): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (!runAs) return;
  await fs.chown(dir, runAs.uid, runAs.gid);
  await fs.chmod(dir, 0o700);
  try {
    execFileSync("setpriv", ["--reuid", String(runAs.uid), "--regid", String(runAs.gid), "--clear-groups", "test", "-w", dir]);
  } catch {
    throw new StartupError(
      `the 'postgres' user cannot write ${dir}: make its parent folders traversable (chmod o+x) or set FAULTLINE_DATA_DIR to another place`,
    );
  }
}
