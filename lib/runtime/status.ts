import { db } from "@/lib/db/client";
import { databaseHealth, type DatabaseHealth } from "@/lib/db/health";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { fleetCounts } from "@/lib/services/list-services";
import { currentFigures } from "@/lib/poller/figures-store";
import { readConfigFileState, type ConfigFileState } from "@/lib/services/managed-by-file";
import { outboxStatus, type OutboxStatus } from "@/lib/notifications/outbox-status";
import pkg from "@/package.json";
import { runtimeInfo } from "./info";

export interface StatusReport {
  ok: boolean;
  db: "embedded" | "external";
  version: string;
  env: string;
  startedAt: string | null;
  now: string;
  dbLatencyMs: number | null;
  /** The database process: embedded (supervised, with its restarts) or external. */
  database: DatabaseHealth;
  fleet: { services: number; instances: number } | null;
  /** The health poller's figures (checks/s, schedule lag, in-flight), null when none has run. */
  poller: Awaited<ReturnType<typeof currentFigures>>;
  /** FAULTLINE_CONFIG_FILE: what was applied last, and why the newest version was not (null when none is used). */
  configFile: ConfigFileState | null;
  /** The notification outbox: deliveries pending (and the oldest one's age), events not yet routed, DEAD ones. */
  notifications: OutboxStatus | null;
  error?: { code: string; message: string };
}

/** Liveness and basic facts: answers ok:false (not an exception) when the database is down. */
export async function statusReport(): Promise<StatusReport> {
  const info = runtimeInfo();
  const base = {
    db: info?.dbMode ?? (process.env.DATABASE_URL ? "external" : "embedded"),
    version: pkg.version,
    env: info?.envName ?? process.env.FAULTLINE_ENV_NAME ?? "local",
    startedAt: info?.startedAt.toISOString() ?? null,
    now: new Date().toISOString(),
  } as const;
  const database = databaseHealth() ?? { mode: base.db, state: "UP", restarts: 0, lastRestartAt: null, lastDownSec: null };
  const t0 = performance.now();
  try {
    const fleet = await fleetCounts(db());
    const dbLatencyMs = Math.round((performance.now() - t0) * 10) / 10;
    return {
      ok: true,
      ...base,
      dbLatencyMs,
      database,
      fleet,
      poller: await currentFigures(db()),
      configFile: await readConfigFileState(db()),
      notifications: await outboxStatus(db()),
    };
  } catch (err) {
    const error = isDatabaseUnavailable(err)
      ? { code: "DATABASE_UNAVAILABLE", message: "database unavailable, retrying" }
      : { code: "UNAVAILABLE", message: `database unavailable: ${(err as Error).message.split("\n")[0]}` };
    return { ok: false, ...base, dbLatencyMs: null, database, fleet: null, poller: null, configFile: null, notifications: null, error };
  }
}
