import { startBalancerObserver } from "@/lib/balancer/observer";
import type { Env } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { sweepInterruptedFailovers } from "@/lib/failover/sweep-failovers";
import { log } from "@/lib/log";
import { createPolicyRunner } from "@/lib/policy/run-policy";

/**
 * The balancer side of the background jobs (server or worker, with the poller): the observer
 * (show stat → status, traffic, BALANCER faults, drift) and, after each of its passes, the sweep
 * of failovers a crash interrupted, then the automatic policy. Returns a stop function.
 */
export function runBalancerJobs(db: Db, env: Env): () => Promise<void> {
  const policy = createPolicyRunner(db);
  const observer = startBalancerObserver(db, {
    intervalMs: env.FAULTLINE_BALANCER_OBSERVE_MS,
    afterPass: async (now) => {
      await sweepInterruptedFailovers(db, now);
      await policy();
    },
  });
  return async () => {
    await observer.stop();
    log.info("balancer observer stopped");
  };
}
