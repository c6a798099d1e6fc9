import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PREFIX = "faultline-e2e-";
const OWNER_FILE = "e2e-runner.pid";
const ENV_KEY = "FAULTLINE_E2E_DATA_DIR";

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const pidIn = (file: string) => Number(fs.readFileSync(file, "utf8").split("\n")[0]?.trim());

/** True when a runner, PostgreSQL or HAProxy recorded in `dir` is still alive. */
function inUse(dir: string): boolean {
  for (const file of [OWNER_FILE, "pg/postmaster.pid", "haproxy/haproxy.pid"]) {
    try {
      if (alive(pidIn(path.join(dir, file)))) return true;
    } catch {
      // no such file: nothing recorded there
    }
  }
  return false;
}

/** Remove data dirs that earlier runs left behind (runner killed before its exit hook ran). */
function removeStaleDirs(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const dir = path.join(os.tmpdir(), name);
    if (!name.startsWith(PREFIX) || inUse(dir)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A fresh FAULTLINE_DATA_DIR for this run, created once by the Playwright runner process.
 *
 * Playwright also loads the config in every worker: they inherit the path through the
 * environment instead of creating their own. The directory is removed when the runner process
 * exits, which is after the webServer (the demo, hence PostgreSQL and HAProxy) was stopped; a
 * globalTeardown would run too early, while PostgreSQL still writes there. A run killed hard
 * leaves its directory behind; the next run removes it.
 */
export function e2eDataDir(): string {
  const existing = process.env[ENV_KEY];
  if (existing) return existing;
  removeStaleDirs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  // As root, PostgreSQL runs as `postgres`, which must traverse this directory (mkdtemp makes 0700).
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, OWNER_FILE), `${process.pid}\n`);
  process.env[ENV_KEY] = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
