import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Socket } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { freePort } from "@/lib/net/free-port";
import { ProbeAgents } from "@/lib/probes/agents";
import { closeProbeAgents } from "@/lib/probes/http";
import { probe } from "@/lib/probes/probe";
import type { ProbeSpec } from "@/lib/probes/types";
import { makeTempDir, removeDir } from "../support/temp-dir";

/**
 * Probes against real servers on loopback: the fleet simulator (up / down / refuse / slow), a
 * small HTTP server for keep-alive, stalled and oversized bodies, and an HTTPS server with a
 * 3-day self-signed certificate made by openssl at test time.
 */

const HOST = "127.0.0.1";
const execFileAsync = promisify(execFile);

/** `count` distinct free loopback ports. */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count && attempt < 50; attempt++) ports.add(await freePort(HOST));
  if (ports.size < count) throw new Error(`found only ${ports.size} distinct free ports of ${count}`);
  return [...ports];
}

/** Starts `server` on a free loopback port; counts the TCP connections it accepts. */
async function listenCounting(server: HttpServer): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on("connection", (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const port = await freePort(HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve());
  });
  return {
    port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sockets that already served `/once-per-connection`. */
const servedOnce = new WeakSet<Socket>();

/** Routes of the helper server (plain HTTP, or HTTPS with the test certificate). */
function helperRoutes(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  if (req.url === "/once-per-connection") {
    // Like a server closing an idle kept-alive connection just as the client reuses it.
    if (servedOnce.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    servedOnce.add(req.socket);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  } else if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", checks: { db: { ok: true } }, items: [{ name: "a" }] }));
  } else if (req.url === "/headers") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.headers));
  } else if (req.url === "/big") {
    // "needle" sits past the first 64 KiB.
    res.writeHead(200, { "content-type": "text/plain" }).end(`${"x".repeat(100 * 1024)}needle`);
  } else if (req.url === "/stall-body") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("partial "); // and never ends
  } else {
    res.writeHead(404).end();
  }
}

function spec(overrides: Partial<ProbeSpec> & Pick<ProbeSpec, "address">): ProbeSpec {
  return { kind: "HTTP", method: "GET", path: "/healthz", expectedStatuses: [200], timeoutMs: 2000, ...overrides };
}

describe("probes", () => {
  let fleet: RunningFleet | undefined;
  let helper: Awaited<ReturnType<typeof listenCounting>> | undefined;
  let tls: Awaited<ReturnType<typeof listenCounting>> | undefined;
  let dir: string | undefined;
  let cert = "";
  const address: Record<string, string> = {};

  beforeAll(async () => {
    dir = await makeTempDir("probes");
    const [keyFile, certFile] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    // EC key: generating it takes milliseconds; the SAN makes it valid for 127.0.0.1.
    await execFileAsync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "3",
        "-subj",
        `/CN=${HOST}`,
        "-addext",
        `subjectAltName=IP:${HOST}`,
      ],
      { timeout: 20_000 },
    );
    cert = await readFile(certFile, "utf8");
    tls = await listenCounting(createHttpsServer({ key: await readFile(keyFile), cert }, helperRoutes));
    address.tls = `${HOST}:${tls.port}`;

    helper = await listenCounting(createHttpServer(helperRoutes));
    address.helper = `${HOST}:${helper.port}`;

    const ports = await freePorts(5);
    const names = ["p-up", "p-down", "p-refuse", "p-slow"];
    fleet = await startFleet({
      fleet: {
        services: [{ name: "probed", pools: [{ name: "probed-a", role: "ACTIVE", instances: names.map((name, i) => ({ name, port: ports[i]! })) }] }],
      },
      controlPort: ports[4]!,
    });
    for (const instance of fleet.instances) address[instance.name] = instance.address;
    await fleet.setChaos("p-down", { mode: "down" });
    await fleet.setChaos("p-slow", { mode: "slow", latencyMs: 1500 });
  });

  afterAll(async () => {
    await closeProbeAgents();
    await Promise.all([fleet?.stop(), helper?.close(), tls?.close()]);
    await removeDir(dir);
  });

  it("up → PASS 200", async () => {
    const at = new Date();
    const result = await probe(spec({ address: address["p-up"]! }), at);
    expect(result).toMatchObject({ at, level: "PASS", statusCode: 200, errorClass: null, target: `GET http://${address["p-up"]}/healthz` });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.message).toMatch(new RegExp(`^GET http://${address["p-up"]}/healthz → 200 OK in \\d+ ms$`));
  });

  it("down → FAIL HTTP_STATUS 503, or PASS when 503 is expected", async () => {
    const result = await probe(spec({ address: address["p-down"]! }), new Date());
    expect(result).toMatchObject({ level: "FAIL", statusCode: 503, errorClass: "HTTP_STATUS" });
    expect(result.message).toMatch(/→ 503 Service Unavailable in \d+ ms$/);
    const expected = await probe(spec({ address: address["p-down"]!, expectedStatuses: [503], jsonPath: "status", jsonEquals: "down" }), new Date());
    expect(expected.level).toBe("PASS");
  });

  it("refuse → FAIL CONNECTION_REFUSED, also right after a kept-alive connection was cut", async () => {
    expect((await probe(spec({ address: address["p-refuse"]! }), new Date())).level).toBe("PASS");
    await fleet!.setChaos("p-refuse", { mode: "refuse" });
    try {
      const result = await probe(spec({ address: address["p-refuse"]! }), new Date());
      expect(result).toMatchObject({ level: "FAIL", errorClass: "CONNECTION_REFUSED", statusCode: null, latencyMs: null });
      expect(result.message).toBe(`GET http://${address["p-refuse"]}/healthz → connection refused`);
    } finally {
      await fleet!.setChaos("p-refuse", { mode: "up" });
    }
  });

  it("slow 1500 ms: FAIL TIMEOUT within a 500 ms budget, DEGRADED SLOW_RESPONSE within 3000 ms", async () => {
    const started = performance.now();
    const timedOut = await probe(spec({ address: address["p-slow"]!, timeoutMs: 500 }), new Date());
    expect(performance.now() - started).toBeLessThan(1400);
    expect(timedOut).toMatchObject({ level: "FAIL", errorClass: "TIMEOUT", statusCode: null });
    expect(timedOut.message).toBe(`GET http://${address["p-slow"]}/healthz → timed out after 500 ms`);
    expect(timedOut.latencyMs).toBeGreaterThanOrEqual(490);

    const slow = await probe(spec({ address: address["p-slow"]!, timeoutMs: 3000, degradedLatencyMs: 1000 }), new Date());
    expect(slow).toMatchObject({ level: "DEGRADED", errorClass: "SLOW_RESPONSE", statusCode: 200 });
    expect(slow.latencyMs).toBeGreaterThanOrEqual(1490);
    expect(slow.message).toMatch(/→ 200 OK in \d+ ms, slower than 1000 ms$/);
  });

  it("checks body conditions on the simulator's JSON health answer", async () => {
    const up = address["p-up"]!;
    const pass = async (overrides: Partial<ProbeSpec>) => (await probe(spec({ address: up, ...overrides }), new Date())).level;
    expect(await pass({ bodyContains: '"status":"ok"' })).toBe("PASS");
    expect(await pass({ jsonPath: "status", jsonEquals: "ok" })).toBe("PASS");
    expect(await pass({ jsonPath: "instance", jsonEquals: "p-up" })).toBe("PASS");
    expect(await pass({ jsonPath: "instance" })).toBe("PASS");

    const contains = await probe(spec({ address: up, bodyContains: "healthy" }), new Date());
    expect(contains).toMatchObject({ level: "FAIL", errorClass: "BODY_MISMATCH", statusCode: 200 });
    expect(contains.message).toBe(`GET http://${up}/healthz → body does not contain "healthy"`);

    const json = await probe(spec({ address: up, jsonPath: "status", jsonEquals: "degraded" }), new Date());
    expect(json).toMatchObject({ level: "FAIL", errorClass: "BODY_MISMATCH" });
    expect(json.message).toBe(`GET http://${up}/healthz → JSON status = "ok", expected "degraded"`);

    const missing = await probe(spec({ address: up, jsonPath: "checks.db.ok", jsonEquals: "true" }), new Date());
    expect(missing.message).toBe(`GET http://${up}/healthz → JSON checks.db.ok is missing, expected "true"`);
  });

  it("follows nested and array paths, sends headers, reads at most 64 KiB", async () => {
    const a = address.helper!;
    expect((await probe(spec({ address: a, jsonPath: "checks.db.ok", jsonEquals: "true" }), new Date())).level).toBe("PASS");
    expect((await probe(spec({ address: a, jsonPath: "items.0.name", jsonEquals: "a" }), new Date())).level).toBe("PASS");
    const headers = await probe(spec({ address: a, path: "headers", headers: { "x-probe": "yes" }, jsonPath: "x-probe", jsonEquals: "yes" }), new Date());
    expect(headers).toMatchObject({ level: "PASS", target: `GET http://${a}/headers` });
    expect((await probe(spec({ address: a, path: "/headers", jsonPath: "user-agent", jsonEquals: "faultline-probe" }), new Date())).level).toBe("PASS");

    const big = await probe(spec({ address: a, path: "/big", bodyContains: "needle" }), new Date());
    expect(big).toMatchObject({ level: "FAIL", errorClass: "BODY_MISMATCH" });
    expect(big.message).toMatch(/body does not contain "needle" \(read the first 64 KiB\)$/);
  });

  it("a body that never ends → FAIL TIMEOUT; without a body condition the headers are enough", async () => {
    const a = address.helper!;
    const stalled = await probe(spec({ address: a, path: "/stall-body", bodyContains: "done", timeoutMs: 400 }), new Date());
    expect(stalled).toMatchObject({ level: "FAIL", errorClass: "TIMEOUT" });
    expect(stalled.message).toMatch(/→ timed out after 400 ms$/);
    // No body condition: the verdict comes with the headers, the draining after it is cut by the deadline.
    const headersOnly = await probe(spec({ address: a, path: "/stall-body", timeoutMs: 400 }), new Date());
    expect(headersOnly.level).toBe("PASS");
  });

  it("an unresolvable host (.invalid) → FAIL DNS, within the timeout", async () => {
    const started = performance.now();
    const result = await probe(spec({ address: "faultline-probe-test.invalid:80", timeoutMs: 3000 }), new Date());
    expect(performance.now() - started).toBeLessThan(3500);
    expect(result).toMatchObject({ level: "FAIL", errorClass: "DNS", latencyMs: null, statusCode: null });
    expect(result.message).toMatch(/^GET http:\/\/faultline-probe-test\.invalid:80\/healthz → /);
  });

  it("an address that is not host:port → FAIL UNKNOWN, no request", async () => {
    const result = await probe(spec({ address: "no-port" }), new Date());
    expect(result).toMatchObject({ level: "FAIL", errorClass: "UNKNOWN" });
    expect(result.message).toBe('GET http://no-port/healthz → invalid address "no-port", expected host:port');
  });

  it("TCP: connected → PASS, refused → FAIL CONNECTION_REFUSED, .invalid → FAIL DNS", async () => {
    const up = await probe({ ...spec({ address: address["p-up"]! }), kind: "TCP" }, new Date());
    expect(up).toMatchObject({ level: "PASS", errorClass: null, statusCode: null, target: `tcp://${address["p-up"]}` });
    expect(up.message).toMatch(new RegExp(`^tcp://${address["p-up"]} → connected in \\d+ ms$`));

    const closedPort = await freePort(HOST);
    const refused = await probe({ ...spec({ address: `${HOST}:${closedPort}` }), kind: "TCP" }, new Date());
    expect(refused).toMatchObject({ level: "FAIL", errorClass: "CONNECTION_REFUSED", latencyMs: null });
    expect(refused.message).toBe(`tcp://${HOST}:${closedPort} → connection refused`);

    const dns = await probe({ ...spec({ address: "faultline-probe-test.invalid:80" }), kind: "TCP" }, new Date());
    expect(dns).toMatchObject({ level: "FAIL", errorClass: "DNS" });
  });

  it("https with a self-signed certificate → FAIL TLS", async () => {
    const result = await probe(spec({ address: address.tls!, scheme: "https" }), new Date());
    expect(result).toMatchObject({ level: "FAIL", errorClass: "TLS", statusCode: null, target: `GET https://${address.tls}/healthz` });
    expect(result.message).toMatch(/self[- ]signed/i);
  });

  it("https trusting the test CA: certificate valid 3 days → DEGRADED CERT_EXPIRY at 14 days, PASS at 2", async () => {
    const at = new Date();
    const expiring = await probe(spec({ address: address.tls!, scheme: "https", tlsCa: cert, certExpiryDays: 14 }), at);
    expect(expiring).toMatchObject({ level: "DEGRADED", errorClass: "CERT_EXPIRY", statusCode: 200 });
    const date = new Date(new X509Certificate(cert).validTo).toISOString().slice(0, 10);
    expect(expiring.message).toMatch(new RegExp(`→ 200 OK in \\d+ ms, certificate expires in 2 days \\(${date}\\)$`));

    // The certificate was seen when the (kept-alive) connection opened; it is still known now.
    expect((await probe(spec({ address: address.tls!, scheme: "https", tlsCa: cert, certExpiryDays: 2 }), new Date())).level).toBe("PASS");
    expect((await probe(spec({ address: address.tls!, scheme: "https", tlsCa: cert }), new Date())).level).toBe("PASS");
  });

  it("keeps connections alive: 20 sequential checks use at most 2 connections (http and https)", async () => {
    // Fresh pools, so every connection these checks use is one the servers count here.
    const agents = new ProbeAgents();
    try {
      for (const [server, scheme, tlsCa] of [
        [helper!, "http", null],
        [tls!, "https", cert],
      ] as const) {
        const before = server.connections();
        for (let i = 0; i < 20; i++) {
          const result = await probe(spec({ address: `${HOST}:${server.port}`, scheme, tlsCa }), new Date(), { agents });
          expect(result.level, result.message).toBe("PASS");
        }
        const opened = server.connections() - before;
        expect(opened, scheme).toBeGreaterThanOrEqual(1);
        expect(opened, scheme).toBeLessThanOrEqual(2);
      }
    } finally {
      await agents.close();
    }
  });

  it("retries an idempotent check once when a kept-alive connection turns out closed; not a POST", async () => {
    for (const [method, second] of [
      ["GET", "PASS"],
      ["POST", "FAIL"],
    ] as const) {
      // Fresh, so the first check opens the connection; one connection, so the second must reuse it.
      const agents = new ProbeAgents({ connectionsPerOrigin: 1 });
      try {
        const check = () => probe(spec({ address: address.helper!, path: "/once-per-connection", method }), new Date(), { agents });
        expect((await check()).level, method).toBe("PASS");
        const reused = await check(); // the server cuts the connection it now arrives on
        expect(reused.level, reused.message).toBe(second);
        if (second === "FAIL") {
          expect(reused.errorClass).toBe("UNKNOWN");
          expect(reused.message).toMatch(/^POST http:\/\/.* → connection reset/);
        }
      } finally {
        await agents.close();
      }
    }
  });
});
