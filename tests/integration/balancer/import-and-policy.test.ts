import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { byServer, readServers } from "@/lib/balancer/read-servers";
import { evaluateServiceFault } from "@/lib/faults/service-fault";
import { createPolicyRunner } from "@/lib/policy/run-policy";
import { call, startAuthWorld, type AuthWorld } from "../auth/harness";
import { startHaproxyFleet, type HaproxyFleet } from "@/dev/bench/haproxy-fleet";
import { makeTempDir, removeDir } from "../../support/temp-dir";

describe("connect + import a balancer, then the automatic policy on it", () => {
  let dir: string;
  let w: AuthWorld;
  let hx: HaproxyFleet;
  let admin: string;
  let balancerId: string;
  const server = async (name: string) => byServer(await readServers(hx.runtime)).get(`shop/${name}`)!;
  const health = (names: string[], h: "UP" | "DOWN") => w.prisma.instance.updateMany({ where: { name: { in: names } }, data: { observedHealth: h } });

  beforeAll(async () => {
    dir = await makeTempDir("hxp");
    w = await startAuthWorld(inject("pg18AdminUrl"), "balancer_import");
    admin = w.tokens.ADMIN.secret;
    hx = await startHaproxyFleet(dir);
  });
  afterAll(async () => {
    await hx?.stop();
    await w?.close();
    await removeDir(dir);
  });

  it("tests the connection, then previews and applies the import (backup servers → STANDBY pool)", async () => {
    const probe = await call("/api/v1/balancers/test", { method: "POST", bearer: admin, body: { runtimeApi: `unix:${hx.socket}` } });
    expect(probe.status, JSON.stringify(probe.body)).toBe(200);
    expect(probe.body).toMatchObject({ ok: true, version: expect.stringMatching(/^2\.6/), backends: [{ name: "shop", servers: 4, backups: 2 }] });

    const bad = await call("/api/v1/balancers/test", { method: "POST", bearer: admin, body: { runtimeApi: "unix:relative" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: "runtimeApi", message: expect.stringMatching(/absolute/) });
    const gone = await call("/api/v1/balancers/test", { method: "POST", bearer: admin, body: { runtimeApi: `unix:${dir}/nope.sock` } });
    expect(gone.status).toBe(502);
    expect(gone.body.error.message).toMatch(/unreachable: ENOENT/);

    const created = await call("/api/v1/balancers", {
      method: "POST",
      bearer: admin,
      body: { name: "edge", runtimeApi: `unix:${hx.socket}`, serverStateFile: hx.serverStateFile },
    });
    expect(created.status).toBe(201);
    balancerId = created.body.id;

    const preview = await call(`/api/v1/balancers/${balancerId}/import`, { method: "POST", bearer: admin, body: { apply: false } });
    expect(preview.body).toMatchObject({ applied: false, unchanged: 0, removed: [] });
    expect(preview.body.added.map((a: { server: string; pool: string }) => `${a.server}:${a.pool}`)).toEqual([
      "a-1:shop-active",
      "a-2:shop-active",
      "b-1:shop-standby",
      "b-2:shop-standby",
    ]);
    expect(await w.prisma.instance.count()).toBe(0);

    // Without the config every instance would be checked over TCP; with HAProxy's haproxy.cfg
    // (read-only) they get the check HAProxy runs: option httpchk GET /healthz, expect 200.
    expect(preview.body.added.map((a: { check: string }) => a.check)).toEqual(Array(4).fill("TCP connect"));
    const withCfg = await call(`/api/v1/balancers/${balancerId}/import`, {
      method: "POST",
      bearer: admin,
      body: { apply: false, configPath: `${dir}/haproxy.cfg` },
    });
    expect(withCfg.body.added.map((a: { check: string }) => a.check)).toEqual(Array(4).fill("GET /healthz → 200"));
    const noCfg = await call(`/api/v1/balancers/${balancerId}/import`, {
      method: "POST",
      bearer: admin,
      body: { apply: false, configPath: `${dir}/nope.cfg` },
    });
    expect(noCfg.body.error).toMatchObject({ code: "VALIDATION", field: "configPath", message: expect.stringMatching(/ENOENT/) });

    const noReason = await call(`/api/v1/balancers/${balancerId}/import`, { method: "POST", bearer: admin, body: { apply: true } });
    expect(noReason.status).toBe(400);
    const applied = await call(`/api/v1/balancers/${balancerId}/import`, {
      method: "POST",
      bearer: admin,
      body: { apply: true, reason: "onboarding shop", configPath: `${dir}/haproxy.cfg` },
    });
    expect(applied.body.applied).toBe(true);
    expect(await w.prisma.instance.findMany({ select: { checkKind: true, checkPath: true, checkExpectedStatuses: true } })).toEqual(
      Array(4).fill({ checkKind: "HTTP", checkPath: "/healthz", checkExpectedStatuses: [200] }),
    );
    const pools = await w.prisma.pool.findMany({ include: { instances: true }, orderBy: { name: "asc" } });
    expect(pools.map((p) => [p.name, p.role, p.instances.map((i) => `${i.haproxyBackend}/${i.haproxyServer}`).sort()])).toEqual([
      ["shop-active", "ACTIVE", ["shop/a-1", "shop/a-2"]],
      ["shop-standby", "STANDBY", ["shop/b-1", "shop/b-2"]],
    ]);

    const again = await call(`/api/v1/balancers/${balancerId}/import`, { method: "POST", bearer: admin, body: { apply: false } });
    expect(again.body).toMatchObject({ added: [], removed: [], unchanged: 4 });
  });

  it("auto-drains a DOWN instance (at most its share of the pool) and undrains it after recovery, as actor policy", async () => {
    const service = await w.prisma.service.findUniqueOrThrow({ where: { name: "shop" } });
    await w.prisma.service.update({ where: { id: service.id }, data: { autoDrain: true, maxAutoDrainPct: 50 } });
    await health(["a-1", "a-2", "b-1", "b-2"], "UP");
    await health(["a-1", "a-2"], "DOWN");
    const runPolicy = createPolicyRunner(w.prisma);
    await runPolicy();
    const drained = await w.prisma.instance.findMany({ where: { desiredAdminState: "DRAIN" } });
    expect(drained.map((i) => i.name)).toEqual(["a-1"]); // 50 % of 2 → one at a time
    expect(drained[0]!.autoDrainedAt).not.toBeNull();
    expect((await server("a-1")).adminState).toBe("DRAIN");
    expect(await w.prisma.auditEntry.findFirst({ where: { action: "instance.auto_drain" } })).toMatchObject({
      actor: "policy",
      target: `instance:${drained[0]!.id}`,
      targetName: "a-1",
      result: "OK",
    });

    await health(["a-1", "a-2"], "UP");
    await runPolicy();
    expect((await server("a-1")).adminState).toBe("READY");
    expect(await w.prisma.instance.count({ where: { autoDrainedAt: { not: null } } })).toBe(0);
    await w.prisma.service.update({ where: { id: service.id }, data: { autoDrain: false } });
  });

  it("fails over automatically once the active pool has been down long enough, onto the fault's timeline", async () => {
    const service = await w.prisma.service.findUniqueOrThrow({ where: { name: "shop" } });
    await w.prisma.service.update({ where: { id: service.id }, data: { autoFailover: true, autoFailoverAfterSec: 5 } });
    await health(["a-1", "a-2"], "DOWN");
    const [faultId] = await w.prisma.$transaction((tx) =>
      evaluateServiceFault(tx, { serviceId: service.id, at: new Date(), actor: "poller", inMaintenance: false }),
    );
    const runPolicy = createPolicyRunner(w.prisma);
    await runPolicy();
    expect(await w.prisma.failover.count()).toBe(0); // not down for 5 s yet
    await w.prisma.fault.update({ where: { id: faultId! }, data: { detectedAt: new Date(Date.now() - 10_000) } });
    await runPolicy();
    await runPolicy(); // a second pass (or replica) does not start another
    const failovers = await w.prisma.failover.findMany();
    expect(failovers).toHaveLength(1);
    expect(failovers[0]).toMatchObject({ trigger: "AUTOMATIC", actor: "policy", faultId });
    const deadline = Date.now() + 15_000;
    let state = failovers[0]!.state;
    while (["PENDING", "APPLYING"].includes(state) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await w.prisma.failover.findUniqueOrThrow({ where: { id: failovers[0]!.id } })).state;
    }
    expect(state).toBe("VERIFIED");
    expect(await hx.hits(10)).toEqual({ "b-1": 5, "b-2": 5 });
    const fault = await w.prisma.fault.findUniqueOrThrow({ where: { id: faultId! }, include: { events: { orderBy: { id: "asc" } } } });
    expect(fault.status).toBe("RESOLVED");
    expect(fault.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["OPENED", "FAILOVER", "RESOLVED"]));
    expect(fault.events.find((e) => e.kind === "FAILOVER")!.message).toMatch(/Failover shop-active → shop-standby verified/);
  });
});
