import type { Db } from "@/lib/db/client";
import { errLine, log } from "@/lib/log";
import { claimDue, deliver, type DispatchConfig } from "./dispatch";
import { routeEvents } from "./router";
import { sweepDrift, sweepEscalations } from "./sweeps";

export interface NotifierConfig extends DispatchConfig {
  pollMs: number;
  groupWaitMs: number;
  driftAfterMs: number;
  /** Sends in flight at once (a hanging receiver holds one slot for its timeout, not the loop). */
  concurrency?: number;
  sweepEveryMs?: number;
}

/**
 * The notification job: route new outbox events, start due deliveries (without waiting for
 * slow receivers), and every few seconds sweep for escalations and persisting drift. Safe on
 * every replica at once (see router.ts, dispatch.ts, sweeps.ts). Returns stop(): it waits for the
 * sends in flight; one interrupted by a kill is sent again after its lease.
 */
export function startNotifier(db: Db, cfg: NotifierConfig): () => Promise<void> {
  const concurrency = cfg.concurrency ?? 8;
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let lastSweep = 0;
  let failing = false;
  let wake: (() => void) | null = null;

  const tick = async (): Promise<boolean> => {
    const routed = await routeEvents(db, { groupWaitMs: cfg.groupWaitMs });
    if (Date.now() - lastSweep >= (cfg.sweepEveryMs ?? 2_000)) {
      lastSweep = Date.now();
      await sweepEscalations(db, new Date());
      await sweepDrift(db, cfg.driftAfterMs);
    }
    const claimed = await claimDue(db, concurrency - inFlight.size, cfg.leaseGraceMs);
    for (const d of claimed) {
      const p = deliver(db, d, cfg)
        .catch((err) => log.warn({ delivery: String(d.id), err: errLine(err) }, "notification delivery failed to record"))
        .finally(() => {
          inFlight.delete(p);
          wake?.();
        });
      inFlight.add(p);
    }
    return routed > 0 || claimed.length > 0;
  };

  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await tick();
        if (failing) log.info("notifier: database reachable again");
        failing = false;
      } catch (err) {
        if (!failing) log.warn({ err: errLine(err) }, "notifier: tick failed; retrying");
        failing = true;
      }
      if (stopped) break;
      if (!busy)
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, cfg.pollMs);
        });
      wake = null;
    }
  })();

  return async () => {
    stopped = true;
    wake?.();
    await loop;
    await Promise.allSettled([...inFlight]);
  };
}
