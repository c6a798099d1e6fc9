import { log } from "@/lib/log";

type Hook = { name: string; run: () => Promise<void> };

const g = globalThis as typeof globalThis & { __faultlineShutdown?: { hooks: Hook[]; installed: boolean; running: boolean } };
const state = (g.__faultlineShutdown ??= { hooks: [], installed: false, running: false });

const HOOK_TIMEOUT_MS = 15_000;

/**
 * Register work to do on SIGINT/SIGTERM. Hooks run last-registered first (the database, started
 * first, stops last), each bounded by a timeout, then the process exits 0.
 */
export function onShutdown(name: string, run: () => Promise<void>): void {
  state.hooks.push({ name, run });
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
}

/** True from the moment a SIGINT/SIGTERM shutdown began (the embedded database must not be restarted then). */
export function isShuttingDown(): boolean {
  return state.running;
}

async function shutdown(signal: string): Promise<void> {
  if (state.running) return;
  state.running = true;
  log.info({ signal }, "shutting down");
  for (const hook of [...state.hooks].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      hook.run().catch((err: Error) => log.error({ hook: hook.name, err: err.message }, "shutdown step failed")),
      new Promise((r) => (timer = setTimeout(r, HOOK_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
  }
  process.exit(0);
}
