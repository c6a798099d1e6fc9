import type { DbMode } from "./start";

/** What the status report says about the database process Faultline runs (or reaches). */
export interface DatabaseHealth {
  mode: DbMode;
  /** UP: serving (as far as the supervisor knows); RESTARTING: the embedded postmaster exited and is being restarted. */
  state: "UP" | "RESTARTING";
  /** Restarts since this Faultline process started (embedded only; always 0 for external). */
  restarts: number;
  lastRestartAt: string | null;
  /** How long the database was down before the last restart, in seconds. */
  lastDownSec: number | null;
}

// The supervisor runs in the boot step's module copy, the status route in another: share via globalThis.
const g = globalThis as typeof globalThis & { __faultlineDbHealth?: DatabaseHealth };

export function databaseHealth(): DatabaseHealth | undefined {
  return g.__faultlineDbHealth;
}

/** Replace (or start) the published health with `patch` applied. */
export function setDatabaseHealth(patch: Partial<DatabaseHealth> & { mode?: DbMode }): void {
  const base: DatabaseHealth = g.__faultlineDbHealth ?? { mode: patch.mode ?? "embedded", state: "UP", restarts: 0, lastRestartAt: null, lastDownSec: null };
  g.__faultlineDbHealth = { ...base, ...patch };
}
