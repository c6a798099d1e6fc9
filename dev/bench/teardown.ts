import { log } from "@/lib/log";

type Step = { name: string; run: () => Promise<void> | void };

const STEP_TIMEOUT_MS = 15_000;

/**
 * What a benchmark started, stopped in reverse order exactly once: at the end, on failure and on
 * Ctrl-C/SIGTERM. `atExit` steps are synchronous last resorts (kill a child by its handle, remove
 * a temp dir) for when the process exits before the async steps finish.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private readonly exitSteps: Array<() => void> = [];
  private running: Promise<void> | undefined;

  /** Register a stop step; returns a function that unregisters it (once done by hand). */
  add(name: string, run: () => Promise<void> | void): () => void {
    const step = { name, run };
    this.steps.push(step);
    return () => {
      const i = this.steps.indexOf(step);
      if (i >= 0) this.steps.splice(i, 1);
    };
  }

  /** A synchronous step for process exit. */
  atExit(fn: () => void): void {
    if (this.exitSteps.length === 0) process.on("exit", () => this.exitSteps.forEach((f) => safely(f)));
    this.exitSteps.push(fn);
  }

  /** True once teardown began (a signal or the end): loops should stop starting work. */
  get stopping(): boolean {
    return this.running !== undefined;
  }

  /** Run every step, last registered first; a failing or hanging step does not stop the others. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.resolve()
            .then(step.run)
            .catch((err: Error) => console.error(`bench: stopping ${step.name} failed: ${err.message.split("\n")[0]}`)),
          new Promise((r) => (timer = setTimeout(r, STEP_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
      }
    })();
    return this.running;
  }

  /** On SIGINT/SIGTERM: tear down, then exit 130/143. */
  onSignals(): void {
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      process.once(signal, () => {
        console.error(`\nbench: ${signal}, stopping everything…`);
        void this.run().finally(() => process.exit(code));
      });
    }
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Last-resort cleanup at exit: nothing left to report to.
  }
}

/**
 * Keep the app's structured log out of a benchmark's report unless LOG_LEVEL is set: info lines
 * are dropped and warnings are counted by message instead of printed (a startup storm would
 * print thousands). Errors still print. Returns the live counts.
 */
export function quietLogs(): Map<string, number> {
  const counts = new Map<string, number>();
  if (process.env.LOG_LEVEL) return counts;
  log.level = "warn";
  const count = (...args: unknown[]) => {
    const msg = String(args.find((a) => typeof a === "string") ?? "(no message)");
    counts.set(msg, (counts.get(msg) ?? 0) + 1);
  };
  // The poller and writer call `log.warn(...)` on this same instance.
  log.warn = count as typeof log.warn;
  return counts;
}

/** `312 × transition not saved yet; retrying` lines, most frequent first. */
export function describeCounts(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1]).map(([msg, n]) => `${n} × ${msg}`);
}
