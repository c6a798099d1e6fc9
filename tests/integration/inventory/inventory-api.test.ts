import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startPoller, type RunningPoller } from "@/lib/poller/poller";
import { auditMark, auditSince, call, startAuthWorld, type AuthWorld } from "../auth/harness";
import { eventually as until } from "../../support/eventually";
import { makeTempDir, removeDir } from "../../support/temp-dir";

const execFileAsync = promisify(execFile);

/**
 * Bring your own fleet over the API: create a service, pools and instances with a real HTTP check
 * against a small server this test runs; the poller (running) picks them up without a restart.
 */
describe("inventory API", () => {
  let w: AuthWorld;
  let op: string;
  let admin: string;
  let poller: RunningPoller;
  let server: http.Server;
  let port: number;
  /** What /health answers, per instance path prefix (the test flips it). */
  const health = { status: 200 };

  const post = (path: string, body: object, bearer = op) => call(path, { method: "POST", bearer, body });
  const patch = (path: string, body: object, bearer = op) => call(path, { method: "PATCH", bearer, body });
  const del = (path: string, body: object, bearer = admin) => call(path, { method: "DELETE", bearer, body });

  /** `<prefix>-svc` with pool `<prefix>-a` and its instance `<prefix>-1` at `address`: the instance as the API answered. */
  async function serviceWithInstance(prefix: string, address: string, o: { checkDefaults?: object; check?: object }) {
    const svc = (await post("/api/v1/services", { name: `${prefix}-svc`, ...(o.checkDefaults ? { checkDefaults: o.checkDefaults } : {}), reason: "t" })).body;
    const pool = (await post(`/api/v1/services/${svc.id}/pools`, { name: `${prefix}-a`, role: "ACTIVE", reason: "t" })).body;
    return (await post(`/api/v1/pools/${pool.id}/instances`, { name: `${prefix}-1`, address, ...(o.check ? { check: o.check } : {}), reason: "t" })).body;
  }

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "inventory_api");
    op = w.tokens.OPERATOR.secret;
    admin = w.tokens.ADMIN.secret;
    server = http.createServer((req, res) => {
      if (req.url === "/health") res.writeHead(health.status, { "content-type": "text/plain" }).end(health.status === 200 ? "ok" : "boom");
      else res.writeHead(200).end("app");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    poller = await startPoller(w.prisma, { refreshMs: 500 });
  });
  afterAll(async () => {
    await poller?.stop();
    await new Promise((r) => server.close(r));
    await w?.close();
  });

  it("validates every field by name, and names are unique (also against archived ones)", async () => {
    expect((await post("/api/v1/services", { name: "bad name!", reason: "t" })).body.error).toMatchObject({ code: "VALIDATION", field: "name" });
    expect((await post("/api/v1/services", { name: "x", reason: "t", colour: "red" })).body.error).toMatchObject({ code: "VALIDATION", field: "colour" });
    expect((await post("/api/v1/services", { name: "x" })).body.error).toMatchObject({ code: "VALIDATION", field: "reason" });
    const svc = await post("/api/v1/services", { name: "dup-svc", reason: "t" });
    expect(svc.status).toBe(201);
    expect((await post("/api/v1/services", { name: "dup-svc", reason: "t" })).body.error).toMatchObject({ code: "CONFLICT", field: "name" });
    const pool = await post(`/api/v1/services/${svc.body.id}/pools`, { name: "a", role: "ACTIVE", reason: "t" });
    expect(pool.status).toBe(201);
    const bad = async (body: object) => (await post(`/api/v1/pools/${pool.body.id}/instances`, { name: "dup-1", reason: "t", ...body })).body.error;
    expect(await bad({ address: "127.0.0.1" })).toMatchObject({ code: "VALIDATION", field: "address" });
    expect(await bad({ address: "::1:8080" })).toMatchObject({ code: "VALIDATION", field: "address" });
    expect(await bad({ address: "127.0.0.1:70000" })).toMatchObject({ code: "VALIDATION", field: "address" });
    expect(await bad({ address: "127.0.0.1:1", check: { kind: "HTTP", intervalMs: 500 } })).toMatchObject({ code: "VALIDATION", field: "check.intervalMs" });
    expect(await bad({ address: "127.0.0.1:1", check: { kind: "HTTP", path: "health" } })).toMatchObject({ code: "VALIDATION", field: "check.path" });
    expect((await post(`/api/v1/pools/${pool.body.id}/instances`, { name: "dup-1", address: "[::1]:8080", reason: "t" })).status).toBe(201);
    expect((await post(`/api/v1/pools/${pool.body.id}/instances`, { name: "dup-1", address: "[::1]:8081", reason: "t" })).body.error).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    expect((await post("/api/v1/services/00000000-0000-7000-8000-000000000000/pools", { name: "a", role: "ACTIVE", reason: "t" })).status).toBe(404);
  });

  it("an HTTP /health answering 500 on an open port is DOWN with an HTTP_STATUS fault within fall × interval + 1 s; editing the check is picked up", async () => {
    const mark = await auditMark(w.prisma);
    const svc = (await post("/api/v1/services", { name: "shop", owner: "team-a", sloTargetPct: 99.5, reason: "our own fleet" })).body;
    const active = (await post(`/api/v1/services/${svc.id}/pools`, { name: "shop-a", role: "ACTIVE", reason: "t" })).body;
    await post(`/api/v1/services/${svc.id}/pools`, { name: "shop-b", role: "STANDBY", reason: "t" });
    const check = { kind: "HTTP", path: "/health", intervalMs: 1000, fall: 2, rise: 1, timeoutMs: 500 };
    const one = (await post(`/api/v1/pools/${active.id}/instances`, { name: "shop-a-1", address: `127.0.0.1:${port}`, check, reason: "t" })).body;
    const two = (
      await post(`/api/v1/pools/${active.id}/instances`, { name: "shop-a-2", address: `127.0.0.1:${port}`, check: { ...check, path: "/" }, reason: "t" })
    ).body;
    expect(one.check).toMatchObject({ kind: "HTTP", path: "/health", intervalMs: 1000, fall: 2, method: "GET", expectedStatuses: [200] });
    await until("both UP", async () => (await w.prisma.instance.count({ where: { id: { in: [one.id, two.id] }, observedHealth: "UP" } })) === 2, 10_000);

    // The test check says what the poller would write, before anything is saved.
    health.status = 500;
    const tested = await post("/api/v1/checks/test", { address: `127.0.0.1:${port}`, check });
    expect(tested.body).toMatchObject({ level: "FAIL", type: "HTTP_STATUS", statusCode: 500 });
    expect(tested.body.cause).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/health → 500 .* \\(1 failure at \\d\\d:\\d\\d:\\d\\dZ\\)$`));

    const brokenAt = Date.now();
    const fault = await until("HTTP_STATUS fault", () => w.prisma.fault.findFirst({ where: { instanceId: one.id, status: "OPEN" } }), 10_000, 50);
    expect(fault.type).toBe("HTTP_STATUS");
    expect(fault.cause).toMatch(/→ 500/);
    expect(Date.now() - brokenAt).toBeLessThan(2 * 1000 + 1000 + 500);

    // Edit the check to accept 500 (on purpose, to show it is picked up): the poller sees it UP again.
    const edited = await patch(`/api/v1/instances/${one.id}`, { check: { kind: "HTTP", expectedStatuses: [200, 500] }, reason: "500 is fine here" });
    expect(edited.status).toBe(200);
    expect(edited.body.check).toMatchObject({ path: "/health", expectedStatuses: [200, 500] });
    await until("resolved after the edit", async () => (await w.prisma.fault.findUniqueOrThrow({ where: { id: fault.id } })).status === "RESOLVED", 10_000);
    // The fault's timeline says its check was changed, by whom and why, before it resolved.
    const note = await w.prisma.faultEvent.findFirstOrThrow({ where: { faultId: fault.id, kind: "NOTE" } });
    expect(note).toMatchObject({ actor: w.tokens.OPERATOR.actor, message: "shop-a-1: check.expectedStatuses changed — 500 is fine here" });
    health.status = 200;

    // Mixed kinds in one PATCH are refused, naming the field.
    expect((await patch(`/api/v1/instances/${one.id}`, { weight: 5, check: { kind: "TCP" }, reason: "t" })).body.error).toMatchObject({
      code: "VALIDATION",
      field: "check",
    });

    // Every change audited once, with before/after.
    const entries = await auditSince(w.prisma, mark);
    const actions = entries.filter((e) => e.result === "OK").map((e) => e.action);
    expect(actions.sort()).toEqual(
      ["check.test", "instance.create", "instance.create", "instance.edit", "pool.create", "pool.create", "service.create"].sort(),
    );
    const edit = entries.find((e) => e.action === "instance.edit")!;
    expect(edit).toMatchObject({ reason: "500 is fine here", target: `instance:${one.id}`, targetName: "shop-a-1" });
    expect((edit.before as { check: { expectedStatuses: number[] } }).check.expectedStatuses).toEqual([200]);
    expect((edit.after as { check: { expectedStatuses: number[] } }).check.expectedStatuses).toEqual([200, 500]);
  });

  it("check defaults set once on the service are inherited by its instances; an instance's own fields override them and can go back", async () => {
    const svc = await post("/api/v1/services", {
      name: "inherit-svc",
      checkDefaults: { kind: "HTTP", path: "/health", intervalMs: 1000, fall: 3 },
      reason: "defaults once",
    });
    expect(svc.status).toBe(201);
    expect(svc.body.checkDefaults).toEqual({ kind: "HTTP", path: "/health", intervalMs: 1000, fall: 3 });
    const pool = (await post(`/api/v1/services/${svc.body.id}/pools`, { name: "inherit-a", role: "ACTIVE", reason: "t" })).body;
    const plain = (await post(`/api/v1/pools/${pool.id}/instances`, { name: "inherit-1", address: `127.0.0.1:${port}`, reason: "t" })).body;
    const own = (await post(`/api/v1/pools/${pool.id}/instances`, { name: "inherit-2", address: `127.0.0.1:${port}`, check: { fall: 5 }, reason: "t" })).body;
    expect(plain.check).toMatchObject({ kind: "HTTP", path: "/health", intervalMs: 1000, fall: 3, rise: 2, timeoutMs: 2000 });
    expect(plain.checkOverrides).toEqual([]);
    expect(own.check).toMatchObject({ path: "/health", intervalMs: 1000, fall: 5 });
    expect(own.checkOverrides).toEqual(["fall"]);
    // Both are polled with the inherited path (the server answers /health only).
    await until("both UP", async () => (await w.prisma.instance.count({ where: { poolId: pool.id, observedHealth: "UP" } })) === 2, 15_000, 200);

    // The service's defaults change: carried to both, except the field inherit-2 sets itself.
    const mark = await auditMark(w.prisma);
    const edited = await patch(`/api/v1/services/${svc.body.id}`, {
      checkDefaults: { kind: "HTTP", path: "/health", intervalMs: 2000, fall: 2 },
      reason: "slower",
    });
    expect(edited.status).toBe(200);
    const rows = async () => Object.fromEntries((await w.prisma.instance.findMany({ where: { poolId: pool.id } })).map((i) => [i.name, i]));
    let r = await rows();
    expect([r["inherit-1"]!.checkIntervalMs, r["inherit-1"]!.checkFall]).toEqual([2000, 2]);
    expect([r["inherit-2"]!.checkIntervalMs, r["inherit-2"]!.checkFall]).toEqual([2000, 5]);
    const [entry] = await auditSince(w.prisma, mark);
    expect(entry).toMatchObject({ action: "service.update", result: "OK" });
    expect((entry!.before as { checkDefaults: object }).checkDefaults).toMatchObject({ intervalMs: 1000 });
    expect((entry!.after as { checkDefaults: object }).checkDefaults).toMatchObject({ intervalMs: 2000 });

    // An edit merges own fields; checkInherit hands a field back to the service.
    const merged = await patch(`/api/v1/instances/${own.id}`, { check: { timeoutMs: 900 }, reason: "tighter" });
    expect(merged.body.checkOverrides).toEqual(["timeoutMs", "fall"]);
    const back = await patch(`/api/v1/instances/${own.id}`, { checkInherit: ["fall", "timeoutMs"], reason: "like the others" });
    expect(back.status).toBe(200);
    expect(back.body.checkOverrides).toEqual([]);
    expect(back.body.check).toMatchObject({ fall: 2, timeoutMs: 2000, intervalMs: 2000 });
    expect((await patch(`/api/v1/instances/${own.id}`, { checkInherit: ["colour"], reason: "t" })).body.error).toMatchObject({
      code: "VALIDATION",
      field: "checkInherit.0",
    });

    // Clearing the defaults: both back on the built-in check (GET /healthz every 5 s).
    await patch(`/api/v1/services/${svc.body.id}`, { checkDefaults: null, reason: "no defaults" });
    r = await rows();
    expect([r["inherit-1"]!.checkPath, r["inherit-1"]!.checkIntervalMs, r["inherit-2"]!.checkPath]).toEqual(["/healthz", 5000, "/healthz"]);
    expect((await call(`/api/v1/services/${svc.body.id}`, { bearer: op })).body.checkDefaults).toBeNull();
  });

  it("a header can name an environment variable instead of holding the secret: sent at check time, never stored", async () => {
    process.env.FAULTLINE_CHECK_TEST_TOKEN = "Bearer from-env";
    const seen: string[] = [];
    const guarded = http.createServer((req, res) => {
      seen.push(req.headers.authorization ?? "");
      res.writeHead(req.headers.authorization === "Bearer from-env" ? 200 : 401).end();
    });
    await new Promise<void>((r) => guarded.listen(0, "127.0.0.1", r));
    const address = `127.0.0.1:${(guarded.address() as AddressInfo).port}`;
    try {
      const check = { kind: "HTTP", path: "/", headers: { authorization: { env: "FAULTLINE_CHECK_TEST_TOKEN" } } };
      expect((await post("/api/v1/checks/test", { address, check })).body).toMatchObject({ level: "PASS" });
      expect(seen).toEqual(["Bearer from-env"]);
      const missing = { ...check, headers: { authorization: { env: "FAULTLINE_CHECK_NOT_SET" } } };
      const failed = (await post("/api/v1/checks/test", { address, check: missing })).body;
      expect(failed).toMatchObject({ level: "FAIL", type: "UNKNOWN" });
      expect(failed.message).toContain("environment variable FAULTLINE_CHECK_NOT_SET is not set on the Faultline server");
      expect(seen).toHaveLength(1);
      // Only variables made for checks: the server's own secrets cannot be sent anywhere.
      expect(
        (await post("/api/v1/checks/test", { address, check: { kind: "HTTP", headers: { authorization: { env: "FAULTLINE_AUTH_SECRET" } } } })).body.error,
      ).toMatchObject({
        code: "VALIDATION",
        field: "check.headers.authorization.env",
      });
      expect(seen).toHaveLength(1);
      expect((await post("/api/v1/checks/test", { address, check: { kind: "HTTP", headers: { authorization: { env: "1bad" } } } })).body.error).toMatchObject({
        code: "VALIDATION",
        field: "check.headers.authorization.env",
      });

      // Stored (and audited) as the reference, not the value.
      const mark = await auditMark(w.prisma);
      const inst = await serviceWithInstance("env-header", address, { check });
      expect(inst.check.headers).toEqual({ authorization: { env: "FAULTLINE_CHECK_TEST_TOKEN" } });
      const stored = await w.prisma.instance.findUniqueOrThrow({ where: { id: inst.id } });
      expect(JSON.stringify(stored.checkHeaders)).not.toContain("from-env");
      expect(JSON.stringify(await auditSince(w.prisma, mark), (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("from-env");
      await until(
        "UP with the header from the environment",
        async () => (await w.prisma.instance.findUniqueOrThrow({ where: { id: inst.id } })).observedHealth === "UP",
        15_000,
        200,
      );
    } finally {
      delete process.env.FAULTLINE_CHECK_TEST_TOKEN;
      await new Promise((r) => guarded.close(r));
    }
  });

  it("an HTTPS check trusts a private CA given in the check (PEM): the poller and the check test both use it", async () => {
    const dir = await makeTempDir("private-ca");
    const [keyFile, certFile] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    await execFileAsync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "3"].concat([
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ]),
      { timeout: 20_000 },
    );
    const cert = (await readFile(certFile, "utf8")).trim();
    const tls = https.createServer({ key: await readFile(keyFile), cert }, (_req, res) => res.writeHead(200).end("ok"));
    await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
    const address = `127.0.0.1:${(tls.address() as AddressInfo).port}`;
    try {
      const check = { kind: "HTTPS", path: "/", tlsCa: cert };
      expect((await post("/api/v1/checks/test", { address, check: { kind: "HTTPS", path: "/" } })).body).toMatchObject({ level: "FAIL", type: "TLS" });
      expect((await post("/api/v1/checks/test", { address, check })).body).toMatchObject({ level: "PASS" });
      expect((await post("/api/v1/checks/test", { address, check: { ...check, tlsCa: "not a pem" } })).body.error).toMatchObject({
        code: "VALIDATION",
        field: "check.tlsCa",
      });
      const inst = await serviceWithInstance("private-ca", address, { checkDefaults: check });
      expect(inst.check).toMatchObject({ kind: "HTTPS", tlsCa: cert });
      await until(
        "UP over TLS with the private CA",
        async () => (await w.prisma.instance.findUniqueOrThrow({ where: { id: inst.id } })).observedHealth === "UP",
        15_000,
        200,
      );
    } finally {
      await new Promise((r) => tls.close(r));
      await removeDir(dir);
    }
  });

  it("pasted host:port lines become instances <pool>-<n> in one transaction; a bad line names itself and adds none", async () => {
    const svc = (await post("/api/v1/services", { name: "bulk", reason: "t" })).body;
    const pool = (await post(`/api/v1/services/${svc.id}/pools`, { name: "bulk-a", role: "ACTIVE", reason: "t" })).body;
    const bad = await post(`/api/v1/pools/${pool.id}/instances/bulk`, { addresses: "10.0.0.1:80\n10.0.0.2\n", reason: "t" });
    expect(bad.body.error).toMatchObject({ code: "VALIDATION", field: "addresses.1" });
    expect(await w.prisma.instance.count({ where: { poolId: pool.id } })).toBe(0);
    const ok = await post(`/api/v1/pools/${pool.id}/instances/bulk`, {
      addresses: "# web tier\n10.0.0.1:8080\n\n10.0.0.2:8080  # rack 2\n[fd00::3]:8080\n",
      check: { kind: "HTTP", path: "/health" },
      reason: "paste",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.items.map((i: { name: string; address: string }) => `${i.name} ${i.address}`)).toEqual([
      "bulk-a-1 10.0.0.1:8080",
      "bulk-a-2 10.0.0.2:8080",
      "bulk-a-3 [fd00::3]:8080",
    ]);
    expect((await w.prisma.instance.findUniqueOrThrow({ where: { name: "bulk-a-2" } })).checkPath).toBe("/health");
    // Next free numbers after what exists.
    const more = await post(`/api/v1/pools/${pool.id}/instances/bulk`, { addresses: "10.0.0.4:8080", reason: "t" });
    expect(more.body.items[0].name).toBe("bulk-a-4");
  });

  it("removing keeps history: an instance with faults is archived (not polled, hidden, fault kept), one without is deleted; admins only", async () => {
    const one = await w.prisma.instance.findUniqueOrThrow({ where: { name: "shop-a-1" } });
    const two = await w.prisma.instance.findUniqueOrThrow({ where: { name: "shop-a-2" } });
    expect((await del(`/api/v1/instances/${one.id}`, { reason: "t" }, op)).status).toBe(403);
    // An open fault of it: nothing would check the instance any more, so archiving ends it, saying why.
    const open = await w.prisma.fault.create({
      data: {
        type: "MANUAL",
        serviceId: one.poolId ? (await w.prisma.pool.findUniqueOrThrow({ where: { id: one.poolId } })).serviceId : "",
        instanceId: one.id,
        startedAt: new Date(),
        detectedAt: new Date(),
        cause: "still open",
        source: "OPERATOR",
        fingerprint: `manual:${one.id}`,
      },
    });
    const archived = await del(`/api/v1/instances/${one.id}`, { reason: "decommissioned" });
    expect(archived.body).toMatchObject({ result: "ARCHIVED", name: "shop-a-1" });
    expect(await w.prisma.fault.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
      status: "RESOLVED",
      resolution: `Archived by ${w.tokens.ADMIN.actor}: decommissioned`,
    });
    expect((await del(`/api/v1/instances/${two.id}`, { reason: "never used" })).body).toMatchObject({ result: "DELETED" });
    expect(await w.prisma.instance.count({ where: { id: two.id } })).toBe(0);

    const list = (await call("/api/v1/services", { bearer: op })).body.items as Array<{ name: string; pools: Array<{ instances: Array<{ name: string }> }> }>;
    const shop = list.find((s) => s.name === "shop")!;
    expect(shop.pools.flatMap((p) => p.instances.map((i) => i.name))).toEqual([]);
    const faults = (await call(`/api/v1/faults?limit=100`, { bearer: op })).body.items as Array<{ instance: { name: string } | null }>;
    expect(faults.some((f) => f.instance?.name === "shop-a-1")).toBe(true);
    // Not polled any more: no new checks after the poller's next refresh.
    await new Promise((r) => setTimeout(r, 1_500));
    const count = await w.prisma.checkResult.count({ where: { instanceId: one.id } });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await w.prisma.checkResult.count({ where: { instanceId: one.id } })).toBe(count);
    // The name stays taken by the archived one.
    const pool = await w.prisma.pool.findFirstOrThrow({ where: { name: "shop-a" } });
    expect((await post(`/api/v1/pools/${pool.id}/instances`, { name: "shop-a-1", address: "127.0.0.1:1", reason: "t" })).body.error.message).toMatch(
      /archived/,
    );

    const svc = await w.prisma.service.findUniqueOrThrow({ where: { name: "shop" } });
    expect((await del(`/api/v1/services/${svc.id}`, { reason: "gone" })).body).toMatchObject({ result: "ARCHIVED" });
    expect(((await call("/api/v1/services", { bearer: op })).body.items as Array<{ name: string }>).map((s) => s.name)).not.toContain("shop");
  });
});
