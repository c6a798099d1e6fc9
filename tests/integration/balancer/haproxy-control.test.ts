import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { commands } from "@/lib/balancer/haproxy/commands";
import { byServer, readServers } from "@/lib/balancer/read-servers";
import { startBalancerObserver } from "@/lib/balancer/observer";
import { sweepInterruptedFailovers } from "@/lib/failover/sweep-failovers";
import { assessFailover } from "@/lib/failover/assess";
import { applyStep } from "@/lib/failover/run-failover";
import { toStored, type StoredStep } from "@/lib/failover/stored-steps";
import { loadTimeline } from "@/lib/reports/load-timeline";
import { seedFleet } from "@/dev/demo/seed";
import { auditMark, auditSince, call, startAuthWorld, type AuthWorld } from "../auth/harness";
import { startHaproxyFleet, workerPids, type HaproxyFleet } from "@/dev/bench/haproxy-fleet";
import { eventually as until } from "../../support/eventually";
import { makeTempDir, removeDir } from "../../support/temp-dir";

describe("balancer control on a real HAProxy in front of the fleet simulator", () => {
  let dir: string;
  let w: AuthWorld;
  let hx: HaproxyFleet;
  let observer: ReturnType<typeof startBalancerObserver>;
  let op: string;
  const id: Record<string, string> = {};
  let serviceId: string;
  let pools: Record<string, string>;

  const server = async (name: string) => byServer(await readServers(hx.runtime)).get(`shop/${name}`)!;
  const patch = (name: string, body: object) => call(`/api/v1/instances/${id[name]}`, { method: "PATCH", bearer: op, body });
  const waitFailover = (fid: string) =>
    until(`failover ${fid} to finish`, async () => {
      const r = await call(`/api/v1/failovers/${fid}`, { bearer: op });
      return !["PENDING", "APPLYING"].includes(r.body.state) && r.body;
    });

  /** A failover left APPLYING by a runner that died (kill -9) two minutes ago. */
  const ghostFailover = (reason: string, steps: StoredStep[] = []) =>
    w.prisma.failover.create({
      data: {
        serviceId,
        fromPoolId: pools["shop-a"]!,
        toPoolId: pools["shop-b"]!,
        trigger: "MANUAL",
        actor: "crashed",
        reason,
        state: "APPLYING",
        steps: steps as unknown as object,
        heartbeatAt: new Date(Date.now() - 120_000),
      },
    });

  beforeAll(async () => {
    dir = await makeTempDir("hxc");
    w = await startAuthWorld(inject("pg18AdminUrl"), "balancer_control");
    op = w.tokens.OPERATOR.secret;
    hx = await startHaproxyFleet(dir, { checkInterMs: 300 });
    await seedFleet(w.prisma, hx.spec, { name: "test-lb", runtimeApi: `unix:${hx.socket}`, serverStateFile: hx.serverStateFile });
    for (const i of await w.prisma.instance.findMany()) id[i.name] = i.id;
    await w.prisma.instance.updateMany({ data: { observedHealth: "UP" } });
    const service = await w.prisma.service.findUniqueOrThrow({ where: { name: "shop" }, include: { pools: true } });
    serviceId = service.id;
    pools = Object.fromEntries(service.pools.map((p) => [p.name, p.id]));
    observer = startBalancerObserver(w.prisma, { intervalMs: 300, afterPass: (now) => sweepInterruptedFailovers(w.prisma, now) });
  });
  afterAll(async () => {
    await observer?.stop();
    await hx?.stop();
    await w?.close();
    await removeDir(dir);
  });

  it("applies a weight change that traffic follows, audited with before/after", async () => {
    const mark = await auditMark(w.prisma);
    const res = await patch("a-2", { weight: 200, reason: "a-2 has twice the cores" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ desired: { weight: 200, adminState: "READY" }, actual: { weight: 200, adminState: "READY" } });
    expect((await server("a-2")).weight).toBe(200);
    const seen = await hx.hits(30);
    expect(seen).toEqual({ "a-1": 10, "a-2": 20 });
    const [entry] = await auditSince(w.prisma, mark);
    expect(entry).toMatchObject({
      action: "instance.update",
      target: `instance:${id["a-2"]}`,
      targetName: "a-2",
      reason: "a-2 has twice the cores",
      result: "OK",
      before: { weight: 100 },
      after: { weight: 200 },
    });
    // The server-state file now carries the change (a reload keeps it).
    expect(await fs.readFile(hx.serverStateFile, "utf8")).toMatch(/shop \d+ a-2 \S+ \d+ \d+ 200 /);
  });

  it("shows the audited change on the service's timeline under the instance's name (the entry names it by id)", async () => {
    const t = await loadTimeline(w.prisma, { serviceId, category: ["CHANGE"] });
    expect(t.items).toContainEqual(
      expect.objectContaining({ kind: "instance.update", service: "shop", subject: "a-2", message: expect.stringContaining("weight 100 → 200") }),
    );
  });

  it("rejects a weight outside 0–256 naming the field, and changes nothing", async () => {
    const res = await patch("a-2", { weight: 300, reason: "typo" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "weight" });
    expect((await server("a-2")).weight).toBe(200);
  });

  it("drains an instance: every request goes to the other one", async () => {
    expect((await patch("a-1", { adminState: "DRAIN", reason: "kernel patch" })).status).toBe(200);
    expect(await server("a-1")).toMatchObject({ adminState: "DRAIN", status: "DRAIN" });
    expect(await hx.hits(20)).toEqual({ "a-2": 20 });
    expect((await patch("a-1", { adminState: "READY", weight: 100, reason: "patched" })).status).toBe(200);
    expect((await patch("a-2", { weight: 100, reason: "back to even" })).status).toBe(200);
    expect(await hx.hits(20)).toEqual({ "a-1": 10, "a-2": 10 });
  });

  it("fails over to the standby pool and back, moving all traffic, once per Idempotency-Key", async () => {
    const body = { toPoolId: pools["shop-b"], reason: "shop-a's zone is degraded" };
    const headers = { "idempotency-key": "test-failover-1" };
    const started = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body, headers });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const replay = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body, headers });
    expect(replay.body.id).toBe(started.body.id);
    const done = await waitFailover(started.body.id);
    expect(done.state, JSON.stringify(done)).toBe("VERIFIED");
    expect(done.steps.map((s: { kind: string; state: string }) => `${s.kind}:${s.state}`)).toEqual([
      "READY:OK",
      "READY:OK",
      "DRAIN:OK",
      "DRAIN:OK",
      "VERIFY:OK",
    ]);
    expect(await hx.hits(20)).toEqual({ "b-1": 10, "b-2": 10 });
    const roles = await w.prisma.pool.findMany({ where: { serviceId }, orderBy: { name: "asc" } });
    expect(roles.map((p) => `${p.name}:${p.role}`)).toEqual(["shop-a:STANDBY", "shop-b:ACTIVE"]);
    expect(await w.prisma.failover.count({ where: { serviceId } })).toBe(1);

    const back = await call(`/api/v1/services/${serviceId}/failback`, { method: "POST", bearer: op, body: { reason: "zone recovered" } });
    expect(back.status, JSON.stringify(back.body)).toBe(202);
    const backDone = await waitFailover(back.body.id);
    expect(backDone.state).toBe("VERIFIED");
    // shop-b's servers are HAProxy backups: re-armed (READY) after the fail-back, taking no traffic.
    expect(backDone.steps.map((s: { kind: string; state: string }) => `${s.kind}:${s.state}`)).toEqual([
      "READY:OK",
      "READY:OK",
      "DRAIN:OK",
      "DRAIN:OK",
      "VERIFY:OK",
      "READY:OK",
      "READY:OK",
    ]);
    expect([(await server("b-1")).adminState, (await server("b-2")).adminState]).toEqual(["READY", "READY"]);
    expect(await hx.hits(20)).toEqual({ "a-1": 10, "a-2": 10 });
    expect((await w.prisma.pool.findMany({ where: { serviceId }, orderBy: { name: "asc" } })).map((p) => p.role)).toEqual(["ACTIVE", "STANDBY"]);
  });

  it("answers 409 to a second failover while one runs, and refuses a target with no healthy instance", async () => {
    const toB = (reason: string) => ({ toPoolId: pools["shop-b"], reason });
    const first = call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: toB("one") });
    const second = call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: toB("two") });
    const statuses = (await Promise.all([first, second])).map((r) => r.status).sort();
    const winner = (await Promise.all([first, second])).find((r) => r.status === 202)!;
    // Either the second came while the first ran (409), or after it finished (409: shop-b is active now).
    expect(statuses).toEqual([202, 409]);
    expect((await waitFailover(winner.body.id)).state).toBe("VERIFIED");
    const back = await call(`/api/v1/services/${serviceId}/failback`, { method: "POST", bearer: op, body: { reason: "restore" } });
    expect((await waitFailover(back.body.id)).state).toBe("VERIFIED");

    await w.prisma.instance.updateMany({ where: { name: { in: ["b-1", "b-2"] } }, data: { observedHealth: "DOWN" } });
    const refused = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: { reason: "try" } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/shop-b has no healthy instance \(0 of 2 up\).*force/);
    const preview = await call(`/api/v1/services/${serviceId}/failover/preflight`, { bearer: op });
    expect(preview.body).toMatchObject({
      ok: false,
      reasons: [{ code: "NO_HEALTHY_INSTANCE", message: "shop-b has no healthy instance (0 of 2 up)", forceable: true }],
    });
    await w.prisma.instance.updateMany({ where: { name: { in: ["b-1", "b-2"] } }, data: { observedHealth: "UP" } });
  });

  it("names the field for an unknown pool (404) and for another service's pool (400)", async () => {
    const other = await w.prisma.service.create({ data: { name: "other", pools: { create: { name: "other-b", role: "STANDBY" } } }, include: { pools: true } });
    const unknown = await call(`/api/v1/services/${serviceId}/failover`, {
      method: "POST",
      bearer: op,
      body: { toPoolId: "01900000-0000-7000-8000-000000000000", reason: "x" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "NOT_FOUND", field: "toPoolId" });
    const foreign = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: { toPoolId: other.pools[0]!.id, reason: "x" } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: "VALIDATION", field: "toPoolId", message: expect.stringMatching(/belongs to another service/) });
    for (const path of ["/api/v1/services/nope", "/api/v1/failovers/nope", "/api/v1/services/nope/traffic"]) {
      const malformed = await call(path, { bearer: op });
      expect([path, malformed.status, malformed.body.error?.code]).toEqual([path, 404, "NOT_FOUND"]);
    }
    expect((await patch("a-1", { weight: 1, reason: "x" })).status).toBe(200);
    const badId = await call("/api/v1/instances/nope", { method: "PATCH", bearer: op, body: { weight: 1, reason: "x" } });
    expect(badId.status).toBe(404);
    expect((await patch("a-1", { weight: 100, reason: "x" })).status).toBe(200);
    const noReason = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: {} });
    expect(noReason.body.error).toMatchObject({ code: "VALIDATION", field: "reason" });
  });

  it("fails back to the pool as it was (an instance drained before stays drained), and only once", async () => {
    expect((await patch("a-2", { adminState: "DRAIN", reason: "kept out for inspection" })).status).toBe(200);
    const over = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: { toPoolId: pools["shop-b"], reason: "move" } });
    expect((await waitFailover(over.body.id)).state).toBe("VERIFIED");
    const preview = await call(`/api/v1/services/${serviceId}/failover/preflight?toPoolId=${pools["shop-a"]}`, { bearer: op });
    expect(preview.body.steps.filter((st: { name: string }) => st.name.startsWith("Ready ")).map((st: { instance: string }) => st.instance)).toEqual(["a-1"]);
    const back = await call(`/api/v1/services/${serviceId}/failback`, { method: "POST", bearer: op, body: { reason: "back" } });
    const done = await waitFailover(back.body.id);
    expect(done.state).toBe("VERIFIED");
    expect(done.steps.filter((st: { kind: string }) => st.kind === "READY").map((st: { name: string }) => st.name)).toEqual([
      "Ready a-1 at weight 100",
      "Re-arm b-1 as a HAProxy backup",
      "Re-arm b-2 as a HAProxy backup",
    ]);
    expect((await server("a-2")).adminState).toBe("DRAIN");
    expect(await hx.hits(10)).toEqual({ "a-1": 10 });
    const again = await call(`/api/v1/services/${serviceId}/failback`, { method: "POST", bearer: op, body: { reason: "double submit" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/nothing to fail back: the last move of shop was already a fail-back/);
    expect((await patch("a-2", { adminState: "READY", reason: "inspected" })).status).toBe(200);
  });

  it("starts one failover for two concurrent requests with the same Idempotency-Key", async () => {
    const mark = await auditMark(w.prisma);
    const send = () =>
      call(`/api/v1/services/${serviceId}/failover`, {
        method: "POST",
        bearer: op,
        body: { toPoolId: pools["shop-b"], reason: "retry storm" },
        headers: { "idempotency-key": "same-key-twice" },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect(
      [a.status, b.status].every((s) => s === 202 || s === 200),
      JSON.stringify([a.body, b.body]),
    ).toBe(true);
    expect(a.body.id).toBe(b.body.id);
    expect((await waitFailover(a.body.id)).state).toBe("VERIFIED");
    expect(await w.prisma.failover.count({ where: { idempotencyKey: "same-key-twice" } })).toBe(1);
    const finished = (await auditSince(w.prisma, mark)).filter((e) => e.action === "service.failover.finished");
    expect(finished).toHaveLength(1); // one runner
    const back = await call(`/api/v1/services/${serviceId}/failback`, { method: "POST", bearer: op, body: { reason: "restore" } });
    expect((await waitFailover(back.body.id)).state).toBe("VERIFIED");
  });

  it("rolls back the steps already applied when a later one fails, restoring what they replaced", async () => {
    expect((await patch("b-1", { adminState: "DRAIN", reason: "held back" })).status).toBe(200);
    await w.prisma.instance.update({ where: { id: id["b-2"] }, data: { haproxyServer: "ghost" } });
    try {
      const started = await call(`/api/v1/services/${serviceId}/failover`, {
        method: "POST",
        bearer: op,
        body: { toPoolId: pools["shop-b"], reason: "will fail" },
      });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const done = await waitFailover(started.body.id);
      expect(done.state).toBe("ROLLED_BACK");
      expect(done.steps.map((st: { kind: string; state: string }) => `${st.kind}:${st.state}`)).toEqual([
        "READY:ROLLED_BACK",
        "READY:FAILED",
        "DRAIN:SKIPPED",
        "DRAIN:SKIPPED",
        "VERIFY:SKIPPED",
      ]);
      expect(done.steps[1].message).toMatch(/refused "set server shop\/ghost weight 100": No such server/);
      expect(done.steps[0].message).toBe("restored DRAIN at weight 100");
      expect((await server("b-1")).adminState).toBe("DRAIN");
      expect(await hx.hits(10)).toEqual({ "a-1": 5, "a-2": 5 });
      expect((await w.prisma.pool.findMany({ where: { serviceId }, orderBy: { name: "asc" } })).map((p) => p.role)).toEqual(["ACTIVE", "STANDBY"]);
    } finally {
      await w.prisma.instance.update({ where: { id: id["b-2"] }, data: { haproxyServer: "b-2" } });
      expect((await patch("b-1", { adminState: "READY", reason: "back" })).status).toBe(200);
    }
  });

  it("marks a failover whose runner died as FAILED after a minute without a heartbeat, audited", async () => {
    const ghost = await ghostFailover("runner died");
    const blocked = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: { reason: "blocked" } });
    expect(blocked.status).toBe(409);
    const row = await until("the sweep", () => w.prisma.failover.findFirst({ where: { id: ghost.id, state: "FAILED" } }));
    expect(row.error).toMatch(/^interrupted/);
    expect(
      await w.prisma.auditEntry.findFirst({
        where: { action: "service.failover.finished", result: "FAILED", after: { path: ["failoverId"], equals: ghost.id } },
      }),
    ).not.toBeNull();
  });

  it("undoes an interrupted failover that had drained the active pool: HAProxy serves the record's ACTIVE pool, and the next moves work", async () => {
    // kill -9 of the runner right after its last drain, before verification: what it applied is
    // in force on HAProxy, the record still says shop-a is ACTIVE.
    const plan = await assessFailover(w.prisma, serviceId, { kind: "FAILOVER", toPoolId: pools["shop-b"] });
    const steps = toStored(plan.steps);
    for (const st of steps) {
      if (st.kind === "VERIFY") break;
      st.before = await applyStep(w.prisma, st.instanceId, st.to);
      st.state = "OK";
    }
    expect([(await server("a-1")).adminState, (await server("a-2")).adminState]).toEqual(["DRAIN", "DRAIN"]);
    const ghost = await ghostFailover("runner killed after draining", steps);
    const row = await until("the sweep", () => w.prisma.failover.findFirst({ where: { id: ghost.id, state: { notIn: ["PENDING", "APPLYING"] } } }));
    expect(row.state).toBe("ROLLED_BACK");
    expect(row.error).toMatch(/^interrupted: .*the sweep undid its 4 applied step\(s\)/);
    expect((row.steps as unknown as StoredStep[]).map((st) => `${st.kind}:${st.state}`)).toEqual([
      "READY:ROLLED_BACK",
      "READY:ROLLED_BACK",
      "DRAIN:ROLLED_BACK",
      "DRAIN:ROLLED_BACK",
      "VERIFY:SKIPPED",
    ]);
    // shop-a, the record's ACTIVE pool, takes all traffic again.
    expect(await hx.hits(20)).toEqual({ "a-1": 10, "a-2": 10 });
    expect((await w.prisma.pool.findMany({ where: { serviceId }, orderBy: { name: "asc" } })).map((p) => p.role)).toEqual(["ACTIVE", "STANDBY"]);
    expect(
      await w.prisma.auditEntry.findFirst({
        where: { action: "service.failover.finished", result: "FAILED", after: { path: ["failoverId"], equals: ghost.id } },
      }),
    ).not.toBeNull();

    const over = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: { reason: "after the sweep" } });
    expect(over.status, JSON.stringify(over.body)).toBe(202);
    expect((await waitFailover(over.body.id)).state).toBe("VERIFIED");
    expect(await hx.hits(20)).toEqual({ "b-1": 10, "b-2": 10 });
    const back = await call(`/api/v1/services/${serviceId}/failback`, { method: "POST", bearer: op, body: { reason: "after the sweep" } });
    expect((await waitFailover(back.body.id)).state).toBe("VERIFIED");
    expect(await hx.hits(20)).toEqual({ "a-1": 10, "a-2": 10 });
  });

  it("refuses the drain step that would leave the service with no serving server, and never drains it", async () => {
    await hx.fleet.setChaos("b-1", { mode: "down" });
    await hx.fleet.setChaos("b-2", { mode: "down" });
    try {
      await until(
        "b-1 and b-2 DOWN on HAProxy",
        async () => !(await server("b-1")).serving && !(await server("b-2")).serving && (await server("b-2")).status !== "UP",
      );
      const started = await call(`/api/v1/services/${serviceId}/failover`, {
        method: "POST",
        bearer: op,
        body: { reason: "forced onto a dead pool", force: true },
      });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      // While it runs, a-2 (the last serving server once a-1 is drained) is never drained.
      const seen = new Set<string>();
      const done = await until("failover to finish", async () => {
        seen.add((await server("a-2")).adminState);
        const r = await call(`/api/v1/failovers/${started.body.id}`, { bearer: op });
        return !["PENDING", "APPLYING"].includes(r.body.state) && r.body;
      });
      expect([...seen]).toEqual(["READY"]);
      expect(done.state).toBe("ROLLED_BACK");
      const drainA2 = done.steps.find((st: { name: string }) => st.name === "Drain a-2");
      expect(drainA2).toMatchObject({
        state: "FAILED",
        message: expect.stringMatching(/^refused to drain a-2: no other server of the service would be serving/),
      });
      expect(await hx.hits(20)).toEqual({ "a-1": 10, "a-2": 10 });
    } finally {
      await hx.fleet.setChaos("b-1", { mode: "up" });
      await hx.fleet.setChaos("b-2", { mode: "up" });
      await until("b-1 and b-2 UP on HAProxy", async () => (await server("b-1")).status === "UP" && (await server("b-2")).status === "UP");
      await w.prisma.instance.updateMany({ where: { name: { in: ["b-1", "b-2"] } }, data: { observedHealth: "UP" } });
    }
  });

  it("detects a weight set by hand on HAProxy and re-applies the desired one (REAPPLY)", async () => {
    const mark = await auditMark(w.prisma);
    await hx.runtime.set(commands.setWeight("shop", "a-1", 7));
    const entries = await until("the reconciler's audit entry", async () => {
      const found = (await auditSince(w.prisma, mark)).filter((e) => e.action === "instance.drift_reapplied");
      return found.length > 0 && found;
    });
    expect((await server("a-1")).weight).toBe(100);
    expect(entries[0]).toMatchObject({
      actor: "reconciler",
      target: `instance:${id["a-1"]}`,
      targetName: "a-1",
      before: { weight: 7 },
      after: { weight: 100 },
      result: "OK",
    });
  });

  it("keeps runtime changes over a HAProxy reload (server-state file), and re-applies them when the file is gone", async () => {
    expect((await patch("a-2", { weight: 50, reason: "canary" })).status).toBe(200);
    await hx.reload();
    expect((await server("a-2")).weight).toBe(50);

    await fs.rm(hx.serverStateFile);
    const mark = await auditMark(w.prisma);
    await hx.reload();
    await until("re-applied after reload", async () =>
      (await auditSince(w.prisma, mark)).some((e) => e.action === "instance.drift_reapplied" && e.target === `instance:${id["a-2"]}`),
    );
    expect((await server("a-2")).weight).toBe(50);
    expect((await patch("a-2", { weight: 100, reason: "canary done" })).status).toBe(200);
  });

  it("adopts HAProxy's state when the balancer's drift policy is ADOPT", async () => {
    await w.prisma.balancer.updateMany({ data: { driftPolicy: "ADOPT" } });
    await hx.runtime.set(commands.setWeight("shop", "b-2", 33));
    // A failed attempt (e.g. a command timeout on a loaded machine) is retried after 10 s.
    await until("adopted weight", async () => (await w.prisma.instance.findUniqueOrThrow({ where: { id: id["b-2"] } })).desiredWeight === 33, 30_000);
    expect((await server("b-2")).weight).toBe(33);
    await w.prisma.balancer.updateMany({ data: { driftPolicy: "REAPPLY" } });
    expect((await patch("b-2", { weight: 100, reason: "reset" })).status).toBe(200);
  });

  it("files a BALANCER fault with HAProxy's cause when HAProxy marks a server down, and resolves it on recovery", async () => {
    await hx.fleet.setChaos("a-1", { mode: "down" });
    const fault = await until("balancer fault", () =>
      w.prisma.fault.findFirst({ where: { instanceId: id["a-1"], status: "OPEN" } }).then((f) => f ?? undefined),
    );
    expect(fault).toMatchObject({ source: "BALANCER", type: "HTTP_STATUS" });
    expect(fault.cause).toMatch(/HAProxy marked shop\/a-1 DOWN: L7STS 503/);
    await hx.fleet.setChaos("a-1", { mode: "up" });
    const resolved = await until("resolved", () => w.prisma.fault.findFirst({ where: { id: fault.id, status: "RESOLVED" } }).then((f) => f ?? undefined));
    expect(resolved.resolution).toMatch(/HAProxy reports shop\/a-1 UP again/);
  });

  it("fails fast with 504 when HAProxy hangs, and 502 when it is gone; both audited as FAILED, nothing stored", async () => {
    const workers = workerPids(hx.haproxy.child.pid!);
    expect(workers.length).toBeGreaterThan(0);
    await observer.stop();
    const mark = await auditMark(w.prisma);
    for (const pid of workers) process.kill(pid, "SIGSTOP");
    let hung;
    const t0 = Date.now();
    try {
      hung = await patch("a-1", { weight: 10, reason: "during a hang" });
    } finally {
      for (const pid of workers) process.kill(pid, "SIGCONT");
    }
    // The set times out at 2 s, the read-back after it at 4 s.
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(hung.status).toBe(504);
    expect(hung.body.error.message).toMatch(/did not answer .* within 2000 ms/);

    await hx.haproxy.stop();
    const gone = await patch("a-1", { weight: 10, reason: "while stopped" });
    expect(gone.status).toBe(502);
    expect(gone.body.error.message).toMatch(/HAProxy unix:.*admin\.sock unreachable/);
    const failover = await call(`/api/v1/services/${serviceId}/failover`, { method: "POST", bearer: op, body: { reason: "while stopped" } });
    expect(failover.status).toBe(502);
    expect(failover.body.error.message).toMatch(/unreachable/);
    expect(await w.prisma.failover.count({ where: { state: { in: ["PENDING", "APPLYING"] } } })).toBe(0);
    const failed = await auditSince(w.prisma, mark);
    expect(failed.map((e) => [e.action, e.result])).toEqual([
      ["instance.update", "FAILED"],
      ["instance.update", "FAILED"],
      ["service.failover", "FAILED"],
    ]);
    expect((await w.prisma.instance.findUniqueOrThrow({ where: { id: id["a-1"] } })).desiredWeight).toBe(100);
  });
});
