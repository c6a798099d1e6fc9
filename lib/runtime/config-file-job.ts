import path from "node:path";
import type { Env } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { syncConfigFile } from "@/lib/fleet-file/config-file";
import { log } from "@/lib/log";
import { releaseConfigFile } from "@/lib/services/managed-by-file";

/**
 * FAULTLINE_CONFIG_FILE: applied once before the server reports itself booted, then looked at
 * every FAULTLINE_CONFIG_POLL_MS (a content hash, so an editor's save-by-rename is seen too, which
 * fs.watch misses). Looks never overlap. Several replicas may run it: applies are serialised and
 * the second finds nothing to do. Returns a stop function, or null when no file is configured.
 */
export async function runConfigFileJob(db: Db, env: Env): Promise<(() => Promise<void>) | null> {
  if (!env.FAULTLINE_CONFIG_FILE) {
    // Set every replica alike: a server started without it releases what a file managed.
    const released = await releaseConfigFile(db);
    if (released) log.info({ file: released.path, services: released.services.length }, "FAULTLINE_CONFIG_FILE unset: its services are editable again");
    return null;
  }
  const o = { path: path.resolve(env.FAULTLINE_CONFIG_FILE), prune: env.FAULTLINE_CONFIG_PRUNE === "true" };
  const look = () => syncConfigFile(db, o).catch((err: Error) => log.error({ file: o.path, err: err.message }, "config file look failed"));
  let running: Promise<unknown> | null = look();
  await running;
  running = null;
  const timer = setInterval(() => {
    if (running) return; // the last look is still going: skip, never pile up
    running = look().finally(() => (running = null));
  }, env.FAULTLINE_CONFIG_POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
