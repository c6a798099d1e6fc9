import { loadEnv } from "@/lib/config/env";
import { closeDb, db } from "@/lib/db/client";
import { runBalancerJobs } from "@/lib/runtime/balancer-jobs";
import { runPoller } from "@/lib/poller/run-poller";
import { startDatabase } from "@/lib/db/start";
import { bootstrapAccess } from "./bootstrap-access";
import { runConfigFileJob } from "./config-file-job";
import { startMetricsServer } from "./metrics";
import { runNotifier } from "./notifier-job";
import { log } from "@/lib/log";
import { exitWithStartupError } from "./fatal";
import { setRuntimeInfo } from "./info";
import { isShuttingDown, onShutdown } from "./shutdown";

/**
 * Everything the server process does once before serving: read config, start (or reach) the
 * database and migrate it, publish the URL for route handlers, and arrange a clean shutdown.
 * Any failure prints one line and exits 1.
 */
export async function bootServer(): Promise<void> {
  try {
    const env = loadEnv();
    const started = await startDatabase(env, { shuttingDown: isShuttingDown });
    process.env.FAULTLINE_DATABASE_URL = started.url;
    setRuntimeInfo({ dbMode: started.mode, envName: env.FAULTLINE_ENV_NAME, startedAt: new Date() });
    onShutdown("database", async () => {
      await closeDb();
      await started.stop();
    });
    await bootstrapAccess(db(), env);
    const stopConfigFile = await runConfigFileJob(db(), env);
    if (stopConfigFile) onShutdown("config file", stopConfigFile);
    if (env.FAULTLINE_METRICS_PORT) onShutdown("metrics", await startMetricsServer(db(), env.FAULTLINE_METRICS_PORT));
    const stopNotifier = runNotifier(db(), env);
    if (stopNotifier) onShutdown("notifier", stopNotifier);
    if (env.FAULTLINE_POLLER === "on") {
      const stopPoller = await runPoller(db(), env);
      onShutdown("poller", stopPoller);
      onShutdown("balancer observer", runBalancerJobs(db(), env));
    }
    log.info({ db: started.mode, dataDir: started.mode === "embedded" ? env.dataDir : undefined }, "faultline server booted");
  } catch (err) {
    exitWithStartupError(err);
  }
}
