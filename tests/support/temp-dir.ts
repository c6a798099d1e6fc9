import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * A fresh temp dir that the `postgres` user can traverse (mkdtemp makes 0700 dirs; PostgreSQL runs
 * as `postgres` when the tests run as root).
 */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `faultline-${prefix}-`));
  await fs.chmod(dir, 0o755);
  return dir;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
}
