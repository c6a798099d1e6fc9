/**
 * Which services `FAULTLINE_CONFIG_FILE` manages: the file is their truth, so the console and the
 * API refuse inventory edits of them (weights and drain stay operators' levers). Kept in a Setting
 * row so every replica sees it, whichever one applied the file.
 */
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

const KEY = "config-file";

export interface ConfigFileState {
  path: string;
  /** sha256 of the file as last applied (or tried). */
  hash: string | null;
  appliedAt: string | null;
  /** The services the file lists (by name), as last applied. */
  services: string[];
  /** Why the last change of the file was not applied (its file:line:column message), else null. */
  error: string | null;
}

export async function readConfigFileState(db: Db | Tx): Promise<ConfigFileState | null> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  return row ? (JSON.parse(row.value) as ConfigFileState) : null;
}

export async function writeConfigFileState(db: Db | Tx, state: ConfigFileState): Promise<void> {
  const value = JSON.stringify(state);
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
}

/** The file that manages this service (by name), or null. */
export async function managingFile(db: Db | Tx, serviceName: string): Promise<string | null> {
  const state = await readConfigFileState(db);
  return state && state.services.includes(serviceName) ? state.path : null;
}

/** The one wording of "edit the file instead", for a console edit and for another apply alike. */
export function managedError(serviceNames: readonly string[], path: string): AppError {
  const verb = serviceNames.length === 1 ? "is" : "are";
  return new AppError("CONFLICT", `${serviceNames.join(", ")} ${verb} managed by ${path} (FAULTLINE_CONFIG_FILE): change it there`);
}

/** Refuse an edit of a service the config file manages, pointing at the file. */
export async function ensureNotManaged(db: Db | Tx, serviceName: string): Promise<void> {
  const path = await managingFile(db, serviceName);
  if (path) throw managedError([serviceName], path);
}

/** FAULTLINE_CONFIG_FILE is no longer set: what it managed is editable again. */
export async function releaseConfigFile(db: Db): Promise<ConfigFileState | null> {
  const state = await readConfigFileState(db);
  if (state) await db.setting.delete({ where: { key: KEY } }).catch(() => undefined);
  return state;
}
