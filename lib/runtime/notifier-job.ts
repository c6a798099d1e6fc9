import type { Env } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { startNotifier, type NotifierConfig } from "@/lib/notifications/notifier";

/** The notifier's settings from the environment (also what the API's "Send test" uses). */
export function notifierConfig(env: Env): NotifierConfig {
  return {
    consoleUrl: env.FAULTLINE_PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    pollMs: env.FAULTLINE_NOTIFY_POLL_MS,
    groupWaitMs: env.FAULTLINE_NOTIFY_GROUP_WAIT_MS,
    retryBaseMs: env.FAULTLINE_NOTIFY_RETRY_BASE_MS,
    retryMaxMs: env.FAULTLINE_NOTIFY_RETRY_MAX_MS,
    giveUpMs: env.FAULTLINE_NOTIFY_GIVE_UP_MS,
    leaseGraceMs: env.FAULTLINE_NOTIFY_LEASE_GRACE_MS,
    driftAfterMs: env.FAULTLINE_NOTIFY_DRIFT_AFTER_MS,
  };
}

/** Start the notification dispatcher unless FAULTLINE_NOTIFY=off; returns its stop() (or null). */
export function runNotifier(db: Db, env: Env): (() => Promise<void>) | null {
  return env.FAULTLINE_NOTIFY === "on" ? startNotifier(db, notifierConfig(env)) : null;
}
