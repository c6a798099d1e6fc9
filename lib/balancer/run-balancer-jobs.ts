import type { Env } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { createPolicyRunner } from "@/lib/policy/run-policy";
import { startBalancerObserver } from "./observer";

/**
 * The balancer side of the background jobs (server or worker, with the poller): the observer
 * (show stat → status, traffic, BALANCER faults, drift) and, after each pass, the automatic
 * policy. Returns a stop function.
 */
export function runBalancerJobs(db: Db, env: Env): () => Promise<void> {
  const observer = startBalancerObserver(db, { intervalMs: env.FAULTLINE_BALANCER_OBSERVE_MS, afterTick: createPolicyRunner(db) });
  return async () => {
    await observer.stop();
    log.info("balancer observer stopped");
  };
}
