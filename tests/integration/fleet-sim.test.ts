import { request as httpRequest, Agent } from "node:http";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FleetSimError } from "@/dev/fleet-sim/errors";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import type { FleetFileInput } from "@/dev/fleet-sim/fleet-file";

/**
 * Starts the real simulator on free loopback ports (20000–29999, never the demo's 18xxx) and
 * drives it through its control API, checking what a client of each instance sees.
 */

const HOST = "127.0.0.1";

/** Picks `count` distinct free ports in 20000–29999 by binding them, then releases them. */
async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  try {
    for (let attempt = 0; held.length < count && attempt < 500; attempt++) {
      const port = 20000 + Math.floor(Math.random() * 10000);
      const server = createServer();
      const bound = await new Promise<boolean>((resolve) => {
        server.once("error", () => resolve(false));
        server.listen(port, HOST, () => resolve(true));
      });
      if (bound) held.push(server);
    }
    if (held.length < count) throw new Error(`found only ${held.length} free ports of ${count}`);
    return held.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function fleetOn(ports: number[]): FleetFileInput {
  const [a, b, c] = ports;
  return {
    services: [
      {
        name: "shop",
        pools: [
          {
            name: "shop-blue",
            role: "ACTIVE",
            instances: [
              { name: "shop-1", port: a! },
              { name: "shop-2", port: b! },
            ],
          },
          { name: "shop-green", role: "STANDBY", instances: [{ name: "shop-3", port: c! }] },
        ],
      },
    ],
  };
}

/** fetch's failure reason as a Node error code (ECONNREFUSED, …), or "ok" if it answered. */
async function connectError(url: string): Promise<string> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) });
    return "ok";
  } catch (err) {
    return ((err as { cause?: { code?: string } }).cause?.code ?? String(err)) as string;
  }
}

describe("fleet simulator", () => {
  let fleet: RunningFleet | undefined;
  let url: Record<string, string>;
  let control: string;

  async function chaos(name: string, body: unknown): Promise<Response> {
    return fetch(`${control}/instances/${name}/chaos`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  async function setMode(name: string, body: Record<string, unknown>): Promise<void> {
    const res = await chaos(name, body);
    expect(res.status, await res.clone().text()).toBe(200);
  }

  beforeAll(async () => {
    const ports = await freePorts(4);
    fleet = await startFleet({ fleet: fleetOn(ports), controlPort: ports[3]! });
    control = fleet.controlUrl;
    url = Object.fromEntries(fleet.instances.map((instance) => [instance.name, instance.url]));
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it("serves health and traffic on every instance", async () => {
    for (const name of ["shop-1", "shop-2", "shop-3"]) {
      const health = await fetch(`${url[name]}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", instance: name });
      const root = await fetch(`${url[name]}/`);
      expect(root.status).toBe(200);
      expect(root.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await root.text()).toBe(name);
    }
  });

  it("lists instances with address, mode, service and pool", async () => {
    const res = await fetch(`${control}/instances`);
    const list = (await res.json()) as { name: string; address: string; mode: string; service: string; pool: string }[];
    expect(list.map((i) => [i.name, i.mode, i.service, i.pool])).toEqual([
      ["shop-1", "up", "shop", "shop-blue"],
      ["shop-2", "up", "shop", "shop-blue"],
      ["shop-3", "up", "shop", "shop-green"],
    ]);
    expect(list[0]!.address).toBe(`${HOST}:${new URL(url["shop-1"]!).port}`);
    const one = await fetch(`${control}/instances/shop-2`);
    expect(await one.json()).toMatchObject({ name: "shop-2", mode: "up", listening: true });
  });

  it("down answers 503 until set up again", async () => {
    await setMode("shop-1", { mode: "down" });
    expect((await fetch(`${url["shop-1"]}/healthz`)).status).toBe(503);
    expect((await fetch(`${url["shop-1"]}/`)).status).toBe(503);
    expect((await fetch(`${url["shop-2"]}/healthz`)).status).toBe(200); // others unaffected
    await setMode("shop-1", { mode: "up" });
    expect((await fetch(`${url["shop-1"]}/healthz`)).status).toBe(200);
  });

  it("refuse closes the port and drops keep-alive connections; up re-opens it", async () => {
    // Hold a keep-alive connection open first: refuse must cut it, not just stop accepting.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Wrapped in an object: resolving with a bare promise would wait for that promise instead.
      const { socketClosed } = await new Promise<{ socketClosed: Promise<void> }>((resolve, reject) => {
        const req = httpRequest(`${url["shop-2"]}/healthz`, { agent }, (res) => {
          expect(res.statusCode).toBe(200);
          const socket = req.socket;
          res.resume();
          res.once("end", () => resolve({ socketClosed: new Promise((closed) => socket?.once("close", () => closed())) }));
        });
        req.once("error", reject);
        req.end();
      });
      const res = await chaos("shop-2", { mode: "refuse" });
      expect(await res.json()).toMatchObject({ name: "shop-2", mode: "refuse", listening: false });
      await socketClosed;
      expect(await connectError(`${url["shop-2"]}/healthz`)).toBe("ECONNREFUSED");
      expect(await connectError(`${url["shop-2"]}/`)).toBe("ECONNREFUSED");
    } finally {
      agent.destroy();
    }
    await setMode("shop-2", { mode: "up" });
    expect((await fetch(`${url["shop-2"]}/healthz`)).status).toBe(200);
  });

  it("slow adds the requested latency", async () => {
    const latencyMs = 300;
    await setMode("shop-3", { mode: "slow", latencyMs });
    const started = performance.now();
    const res = await fetch(`${url["shop-3"]}/healthz`);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    // Node timers count from the event loop's cached clock, so allow a few ms of slack.
    expect(elapsed).toBeGreaterThanOrEqual(latencyMs - 5);
    expect(elapsed).toBeLessThan(latencyMs + 2000);
    await setMode("shop-3", { mode: "up" });
  });

  it("error fails about errorRate of traffic while /healthz stays 200", async () => {
    await setMode("shop-1", { mode: "error", errorRate: 0.5 });
    let errors = 0;
    const total = 200;
    for (let i = 0; i < total; i++) {
      const res = await fetch(`${url["shop-1"]}/`);
      await res.arrayBuffer();
      if (res.status === 500) errors++;
      else expect(res.status).toBe(200);
    }
    expect(errors / total).toBeGreaterThanOrEqual(0.3);
    expect(errors / total).toBeLessThanOrEqual(0.7);
    expect((await fetch(`${url["shop-1"]}/healthz`)).status).toBe(200);
    await setMode("shop-1", { mode: "up" });
  });

  it("flap starts down and comes up after one period", async () => {
    const periodMs = 1000;
    const res = await chaos("shop-2", { mode: "flap", periodMs });
    const state = (await res.json()) as { since: string; periodMs: number };
    expect(state.periodMs).toBe(periodMs);
    const since = Date.parse(state.since);
    if (Date.now() - since < periodMs - 200) expect((await fetch(`${url["shop-2"]}/healthz`)).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, since + periodMs + 100 - Date.now())));
    expect((await fetch(`${url["shop-2"]}/healthz`)).status).toBe(200);
    await setMode("shop-2", { mode: "up" });
  });

  it("validates chaos requests and names the field", async () => {
    const cases: [body: unknown, field: string | undefined][] = [
      [{ mode: "sideways" }, "mode"],
      [{}, "mode"],
      [{ mode: "error", errorRate: 2 }, "errorRate"],
      [{ mode: "slow", latencyMs: "fast" }, "latencyMs"],
      [{ mode: "slow", latency: 100 }, "latency"],
      ["{not json", undefined],
    ];
    for (const [body, field] of cases) {
      const res = await chaos("shop-1", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string; field?: string } };
      expect(error.code).toBe("VALIDATION");
      expect(error.field).toBe(field);
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect(((await (await fetch(`${control}/instances/shop-1`)).json()) as { mode: string }).mode).toBe("up");
  });

  it("answers 404 for unknown instances and routes", async () => {
    for (const res of [await fetch(`${control}/instances/nope`), await chaos("nope", { mode: "down" }), await fetch(`${control}/nothing`)]) {
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
  });

  it("reset brings every instance back up", async () => {
    await setMode("shop-1", { mode: "down" });
    await setMode("shop-2", { mode: "refuse" });
    await setMode("shop-3", { mode: "slow", latencyMs: 5000 });
    const res = await fetch(`${control}/reset`, { method: "POST" });
    const states = (await res.json()) as { mode: string; listening: boolean }[];
    expect(states.map((s) => [s.mode, s.listening])).toEqual([
      ["up", true],
      ["up", true],
      ["up", true],
    ]);
    for (const name of ["shop-1", "shop-2", "shop-3"]) expect((await fetch(`${url[name]}/healthz`)).status).toBe(200);
  });
});

describe("fleet start and stop", () => {
  it("fails with one line naming the instance and port in use, and closes what it started", async () => {
    const ports = await freePorts(4);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports[1], HOST, resolve));
    try {
      const err = await startFleet({ fleet: fleetOn(ports), controlPort: ports[3]! }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FleetSimError);
      expect((err as FleetSimError).code).toBe("PORT_IN_USE");
      expect((err as FleetSimError).message).toBe(`instance shop-2: port ${ports[1]} on ${HOST} is already in use`);
      expect(await connectError(`http://${HOST}:${ports[0]}/healthz`)).toBe("ECONNREFUSED");
      expect(await connectError(`http://${HOST}:${ports[2]}/healthz`)).toBe("ECONNREFUSED");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("refuses a non-loopback control host", async () => {
    const ports = await freePorts(4);
    const err = await startFleet({ fleet: fleetOn(ports), controlPort: ports[3]!, controlHost: "0.0.0.0" }).catch((e: unknown) => e);
    expect((err as FleetSimError).field).toBe("controlHost");
  });

  it("stop() closes every listener, including sockets kept alive", async () => {
    const ports = await freePorts(4);
    const running = await startFleet({ fleet: fleetOn(ports), controlPort: ports[3]! });
    try {
      expect((await fetch(`${running.instances[0]!.url}/healthz`)).status).toBe(200); // leaves a keep-alive socket
      await running.setChaos("shop-3", { mode: "slow", latencyMs: 10_000 });
      const pending = connectError(`${running.instances[2]!.url}/`); // in flight during stop
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      await running.stop();
      expect(performance.now() - started).toBeLessThan(2000);
      expect(await pending).not.toBe("ok");
      for (const port of ports) expect(await connectError(`http://${HOST}:${port}/`)).toBe("ECONNREFUSED");
    } finally {
      await running.stop(); // idempotent; covers a failed assertion above
    }
  });
});
