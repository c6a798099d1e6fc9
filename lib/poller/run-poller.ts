import type { Env } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { publishFigures, setLocalPoller } from "./figures-store";
import { startPoller, type RunningPoller } from "./poller";
import { startRetention } from "./retention";

/**
 * The poller as a process component (server or worker): poller + figure publishing +
 * retention. Returns a stop function that shuts them down in order.
 */
export async function runPoller(db: Db, env: Env): Promise<() => Promise<void>> {
  const poller: RunningPoller = await startPoller(db, { concurrency: env.FAULTLINE_POLLER_CONCURRENCY });
  setLocalPoller(poller);
  const publisher = setInterval(() => {
    publishFigures(db, poller.figures()).catch(() => undefined);
  }, 5_000);
  const stopRetention = startRetention(db, { rawHours: env.FAULTLINE_RAW_RETENTION_HOURS, rollupDays: env.FAULTLINE_ROLLUP_RETENTION_DAYS });
  return async () => {
    clearInterval(publisher);
    stopRetention();
    await poller.stop();
    setLocalPoller(undefined);
    log.info("poller component stopped");
  };
}
