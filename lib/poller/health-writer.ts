import type { Db } from "@/lib/db/client";
import { applyTransition, type InstanceContext } from "@/lib/faults/apply-transition";
import { resolveQuietFlapping } from "@/lib/faults/instance-down";
import type { Transition } from "@/lib/detection/thresholds";
import { errLine, log } from "@/lib/log";
import type { CheckWriter } from "./check-writer";
import type { Action } from "./observe";
import { Semaphore } from "./semaphore";

export interface HealthWriterOptions {
  /** A resolved fault younger than this is reopened instead of a new one (see applyTransition). */
  flapWindowMs: number;
  /** At most this many transition transactions at once (see PollerOptions.transitionConcurrency). */
  transitionConcurrency: number;
  /** Whether the instance is under maintenance now (asked when the transition is queued). */
  inMaintenance: (ctx: InstanceContext) => boolean;
}

/**
 * Performs what `observe()` decided: samples go to the batching CheckWriter; transitions and
 * flap resolutions are written per instance in order, one at a time, and a transition is retried
 * through database outages until it is saved (or the poller stops).
 */
export class HealthWriter {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly transactions: Semaphore;
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly checks: CheckWriter,
    private readonly o: HealthWriterOptions,
  ) {
    this.transactions = new Semaphore(o.transitionConcurrency);
  }

  /**
   * Queue the actions of one result. `instance.ctx` is read when a write runs, not when it is
   * queued, so an edit picked up by a refresh meanwhile (a rename, a move) is what gets written.
   */
  perform(instance: { ctx: InstanceContext }, actions: readonly Action[]): void {
    const id = instance.ctx.instanceId;
    for (const a of actions) {
      switch (a.kind) {
        case "record-check":
          this.checks.add(id, a.result, a.stateChange);
          break;
        case "save-transition": {
          const inMaintenance = this.o.inMaintenance(instance.ctx);
          this.enqueue(id, () => this.saveTransition(instance, a.transition, a.flapping, inMaintenance));
          break;
        }
        case "resolve-flapping":
          this.enqueue(id, () =>
            this.inTransactionSlot(() => resolveQuietFlapping(this.db, a.at, this.o.flapWindowMs, id)).then(
              () => undefined,
              (err: unknown) => log.warn({ err: errLine(err) }, "flap resolution failed"),
            ),
          );
          break;
      }
    }
  }

  /** Stop retrying, and wait (at most `timeoutMs`) for the queued writes to finish. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.chains.values()]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  private enqueue(id: string, write: () => Promise<void>): void {
    const chain = (this.chains.get(id) ?? Promise.resolve()).then(write);
    this.chains.set(id, chain);
    const forget = () => {
      if (this.chains.get(id) === chain) this.chains.delete(id);
    };
    chain.then(forget, forget);
  }

  private async saveTransition(instance: { ctx: InstanceContext }, transition: Transition, flapping: boolean, inMaintenance: boolean): Promise<void> {
    for (let attempt = 0; !this.stopping || attempt === 0; attempt++) {
      try {
        await this.inTransactionSlot(() =>
          applyTransition(this.db, { ctx: instance.ctx, transition, flapping, flapWindowMs: this.o.flapWindowMs, inMaintenance }),
        );
        log.info({ instance: instance.ctx.instanceName, from: transition.from, to: transition.to }, "health transition");
        return;
      } catch (err) {
        if (attempt === 0 || attempt % 10 === 0)
          log.warn({ instance: instance.ctx.instanceName, err: errLine(err), attempt }, "transition not saved yet; retrying");
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
      }
    }
  }

  private async inTransactionSlot<T>(fn: () => Promise<T>): Promise<T> {
    await this.transactions.acquire();
    try {
      return await fn();
    } finally {
      this.transactions.release();
    }
  }
}
