import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fleetHaproxyConfig } from "@/dev/haproxy/fleet-config";
import { RuntimeClient } from "@/lib/balancer/haproxy/runtime-client";
import { requireHaproxy, startHaproxy, type HaproxyProcess } from "@/dev/demo/haproxy-process";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet, type FleetFile } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";

export interface HaproxyFleet {
  fleet: RunningFleet;
  spec: FleetFile;
  haproxy: HaproxyProcess;
  socket: string;
  masterSocket: string;
  serverStateFile: string;
  runtime: RuntimeClient;
  frontend: string;
  /** Send `n` requests through HAProxy; count answers by the instance that served them. */
  hits(n: number): Promise<Record<string, number>>;
  /** `reload` on the master CLI; resolves when the new worker answers. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The fleet simulator with one service "shop" — ACTIVE pool shop-a (a-1, a-2, …), STANDBY pool
 * shop-b (b-1, b-2, …) — behind our own real HAProxy on the demo's generated config. Used by the
 * integration tests and bench:failover.
 */
export async function startHaproxyFleet(dir: string, o: { checkInterMs?: number; perPool?: number } = {}): Promise<HaproxyFleet> {
  const bin = requireHaproxy();
  const n = o.perPool ?? 2;
  const ports = await Promise.all(Array.from({ length: 2 * n }, () => freePort()));
  const names = (p: string, offset: number) => Array.from({ length: n }, (_, i) => ({ name: `${p}-${i + 1}`, port: ports[offset + i]! }));
  const spec = parseFleet({
    services: [
      {
        name: "shop",
        pools: [
          { name: "shop-a", role: "ACTIVE", instances: names("a", 0) },
          { name: "shop-b", role: "STANDBY", instances: names("b", n) },
        ],
      },
    ],
  });
  const fleet = await startFleet({ fleet: spec, controlPort: 0 });
  const socket = path.join(dir, "admin.sock");
  const masterSocket = path.join(dir, "master.sock");
  const serverStateFile = path.join(dir, "server-state");
  let started: HaproxyProcess | undefined;
  let frontendPort = 0;
  // A port freePort() handed out can be taken by someone else before HAProxy binds it (the
  // simulator's own control port is OS-assigned): pick a fresh one and try again, at most 3 times.
  for (let attempt = 1; !started; attempt++) {
    frontendPort = await freePort();
    const config = fleetHaproxyConfig(spec, { runtimeSocket: socket, serverStateFile, firstFrontendPort: frontendPort, checkInterMs: o.checkInterMs });
    try {
      started = await startHaproxy(bin, dir, config, socket);
    } catch (err) {
      // Its stderr can arrive after the exit, so a bare early exit counts as a bind failure too.
      if (attempt < 3 && /bind|in use|exited with code/i.test((err as Error).message)) continue;
      await fleet.stop();
      throw err;
    }
  }
  const haproxy = started;
  const runtime = new RuntimeClient(`unix:${socket}`);
  const frontend = `http://127.0.0.1:${frontendPort}/`;
  const pid = async () => /^Pid: (\d+)$/m.exec(await runtime.show("show info"))?.[1];
  return {
    fleet,
    spec,
    haproxy,
    socket,
    masterSocket,
    serverStateFile,
    runtime,
    frontend,
    hits: (n) => countHits(frontend, n),
    async reload() {
      const before = await pid();
      const deadline = Date.now() + 10_000;
      // The master re-executes itself on a reload: its CLI socket is briefly not listening.
      for (;;) {
        const sent = await new Promise<boolean>((resolve) => {
          const c = net.createConnection(masterSocket, () => c.end("reload\n"));
          c.on("close", (hadError) => resolve(!hadError));
          c.on("error", () => undefined);
        });
        if (sent) break;
        if (Date.now() > deadline) throw new Error("HAProxy's master CLI did not accept `reload`");
        await new Promise((r) => setTimeout(r, 100));
      }
      while (Date.now() < deadline) {
        const now = await pid().catch(() => undefined);
        if (now && now !== before) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("HAProxy did not come back after reload");
    },
    async stop() {
      await haproxy.stop();
      await fleet.stop();
    },
  };
}

/** Send `n` requests to `url` one after another; count answers by body (the simulator answers its instance name) or `HTTP <status>`. */
export async function countHits(url: string, n: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await fetch(url);
    const body = (await res.text()).trim();
    const key = res.ok ? body : `HTTP ${res.status}`;
    seen[key] = (seen[key] ?? 0) + 1;
  }
  return seen;
}

/** PIDs of the HAProxy workers under a master (to freeze one with SIGSTOP). */
export function workerPids(masterPid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(masterPid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
