/**
 * `npm run worker`: the health poller as its own process, for PostgreSQL deployments where the
 * console runs several replicas with FAULTLINE_POLLER=off. Run `npm run worker -- --help`.
 */
import { loadEnv } from "@/lib/config/env";
import { createPrisma } from "@/lib/db/client";
import { embeddedUrlFromFiles } from "@/lib/db/embedded/connection-file";
import { migrate } from "@/lib/db/migrate";
import { assertReachable } from "@/lib/db/start";
import { StartupError } from "@/lib/errors/startup-error";
import { log } from "@/lib/log";
import { runBalancerJobs } from "@/lib/runtime/balancer-jobs";
import { runPoller } from "@/lib/poller/run-poller";
import { exitWithStartupError } from "@/lib/runtime/fatal";
import { startMetricsServer } from "@/lib/runtime/metrics";
import { runNotifier } from "@/lib/runtime/notifier-job";

const HELP = `Usage: npm run worker

Runs Faultline's background jobs in their own process: the health poller (checks, fault
detection, retention) and the balancer observer (HAProxy show stat every second: status,
traffic, BALANCER faults, drift reconciliation) with the automatic drain/failover policy, and
the notification dispatcher (FAULTLINE_NOTIFY=off to leave it to the servers; several
dispatchers on one database share the work and send each message once).
Use it with DATABASE_URL when the console runs with FAULTLINE_POLLER=off (e.g. several
replicas); run one worker. Without DATABASE_URL it joins the embedded PostgreSQL of a
Faultline server already running on this machine ($FAULTLINE_DATA_DIR, default ./data).

Environment: DATABASE_URL, FAULTLINE_DATA_DIR, FAULTLINE_POLLER_CONCURRENCY (256),
FAULTLINE_RAW_RETENTION_HOURS (24), FAULTLINE_ROLLUP_RETENTION_DAYS (90),
FAULTLINE_BALANCER_OBSERVE_MS (1000), FAULTLINE_BALANCER_TIMEOUT_MS (2000), FAULTLINE_NOTIFY (on),
FAULTLINE_SECRET_KEY (the servers' key: channel secrets are sealed with it),
FAULTLINE_METRICS_PORT (Prometheus metrics of this process on 127.0.0.1:<port>/metrics; use
another port than the server's), LOG_LEVEL.
SIGINT/SIGTERM: stop timers, finish in-flight checks, flush writes, exit.`;

async function main() {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(HELP);
    return;
  }
  const env = loadEnv();
  const url = env.DATABASE_URL ?? (await embeddedUrlFromFiles(env.dataDir));
  if (!url)
    throw new StartupError(
      `no DATABASE_URL and no running embedded database in ${env.dataDir}: start the server first (npm start / npm run demo) or set DATABASE_URL`,
    );
  await assertReachable(url);
  await migrate(url);
  const db = createPrisma(url, 8);
  const stopPoller = await runPoller(db, env);
  const stopBalancers = runBalancerJobs(db, env);
  const stopNotifier = runNotifier(db, env);
  const stopMetrics = env.FAULTLINE_METRICS_PORT ? await startMetricsServer(db, env.FAULTLINE_METRICS_PORT) : null;
  const stop = async () => {
    await stopMetrics?.();
    await stopNotifier?.();
    await stopBalancers();
    await stopPoller();
  };
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal: sig }, "worker stopping");
      void stop()
        .then(() => db.$disconnect())
        .finally(() => process.exit(0));
    });
  }
}

main().catch((err) => exitWithStartupError(err, "worker"));
