/**
 * FAULTLINE_CONFIG_FILE (GitOps): the fleet file on the server's disk is applied at startup and
 * whenever its content changes — through the same apply as `faultline apply`, audited as
 * `config.apply` by `config-file`. The services it lists are then managed by it: console and API
 * edits of them are refused with a pointer to the file (lib/services/managed-by-file.ts).
 *
 * Crash safety: an apply is one transaction, so a kill -9 mid-apply leaves the fleet as before and
 * the next start applies the file again; the managed list is written after a successful apply.
 */
import crypto from "node:crypto";
import { readFile } from "node:fs/promises";
import { systemActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { readConfigFileState, writeConfigFileState, type ConfigFileState } from "@/lib/services/managed-by-file";
import { applyFleetFile, pendingChanges } from "./apply";

export interface ConfigFileOptions {
  path: string;
  /** Also archive/delete what the file does not list (FAULTLINE_CONFIG_PRUNE). */
  prune: boolean;
}

export type SyncOutcome = "APPLIED" | "IN_SYNC" | "UNCHANGED" | "FAILED";

/**
 * One look at the file: unchanged since the last look → nothing; else apply what differs (or just
 * record that the fleet already matches). A bad file or a failed apply is recorded with its
 * message and tried again only when the file changes.
 */
export async function syncConfigFile(db: Db, o: ConfigFileOptions): Promise<SyncOutcome> {
  const before = await readConfigFileState(db);
  let text: string;
  try {
    text = await readFile(o.path, "utf8");
  } catch (err) {
    return fail(db, o, before, null, `cannot read ${o.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const hash = crypto.createHash("sha256").update(text).digest("hex");
  if (before && before.path === o.path && before.hash === hash) return "UNCHANGED";
  try {
    const { changes, services } = await pendingChanges(db, text, { prune: o.prune, filename: o.path });
    if (changes.length > 0) {
      const ctx = { actor: systemActor("config-file"), requestId: null, clientIp: null };
      await applyFleetFile(db, ctx, text, {
        prune: o.prune,
        filename: o.path,
        asConfigFile: true,
        reason: `FAULTLINE_CONFIG_FILE ${o.path} (sha256 ${hash.slice(0, 12)})`,
      });
    }
    await writeConfigFileState(db, { path: o.path, hash, appliedAt: new Date().toISOString(), services, error: null });
    log.info({ file: o.path, changes: changes.length }, changes.length ? "config file applied" : "config file: the fleet already matches");
    return changes.length ? "APPLIED" : "IN_SYNC";
  } catch (err) {
    // A file the apply refuses waits for the next edit; anything else (the database away) is tried again.
    return fail(db, o, before, err instanceof AppError && err.status < 500 ? hash : null, (err as Error).message);
  }
}

/** Keep what was applied last (and the services it manages); say why this version was not. */
async function fail(db: Db, o: ConfigFileOptions, before: ConfigFileState | null, hash: string | null, message: string): Promise<"FAILED"> {
  await writeConfigFileState(db, {
    path: o.path,
    hash,
    appliedAt: before?.appliedAt ?? null,
    services: before?.path === o.path ? before.services : [],
    error: message,
  });
  log.error({ file: o.path, err: message }, "config file not applied; keeping the fleet as it is");
  return "FAILED";
}
