import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { onHaproxyDown, onHaproxyUp, type ObservedInstance } from "@/lib/balancer/balancer-faults";
import type { ServerSnapshot } from "@/lib/balancer/haproxy/snapshot";
import type { Transition } from "@/lib/detection/thresholds";
import type { ProbeResult } from "@/lib/detection/types";
import { applyTransition, type InstanceContext } from "@/lib/faults/apply-transition";
import { resolveQuietFlapping } from "@/lib/faults/instance-down";
import type { PoolRole } from "@/lib/status/vocabulary";
import { freshDatabase, type TestDatabase } from "../../support/databases";

// The instance-DOWN fault's two observers, the poller (applyTransition) and HAProxy
// (onHaproxyDown/Up), fed in sequence against PostgreSQL: the rules between them.
describe("instance DOWN fault: poller and HAProxy as observers", () => {
  let t: TestDatabase;
  let n = 0;
  const T0 = new Date("2026-12-01T10:00:00.000Z");
  const at = (s: number) => new Date(T0.getTime() + s * 1000);

  beforeAll(async () => {
    t = await freshDatabase(inject("pg18AdminUrl"), "instance_down");
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function instance(role: PoolRole = "ACTIVE") {
    n++;
    const service = await t.prisma.service.create({ data: { name: `svc-${n}` } });
    const pool = await t.prisma.pool.create({ data: { serviceId: service.id, name: `svc-${n}-a`, role } });
    const inst = await t.prisma.instance.create({ data: { poolId: pool.id, name: `svc-${n}-1`, address: `127.0.0.1:${10_000 + n}` } });
    // A second instance the poller never sees DOWN: no service-level fault joins these timelines.
    await t.prisma.instance.create({ data: { poolId: pool.id, name: `svc-${n}-2`, address: `127.0.0.1:${20_000 + n}` } });
    const ctx: InstanceContext = { instanceId: inst.id, instanceName: inst.name, serviceId: service.id, serviceName: service.name, poolRole: role };
    const observed = (observedHealth: ObservedInstance["observedHealth"]): ObservedInstance => ({
      id: inst.id,
      name: inst.name,
      serviceId: service.id,
      poolRole: role,
      observedHealth,
    });
    return { ctx, observed, name: inst.name };
  }

  const snapshot = (server: string, o: Partial<ServerSnapshot>): ServerSnapshot => ({
    backend: "b",
    server,
    address: "127.0.0.1:1",
    backup: false,
    status: "DOWN",
    weight: 100,
    adminState: "READY",
    serving: false,
    checkStatus: "L7STS",
    checkCode: "503",
    checkDetail: "",
    sessions: 0,
    selectedTotal: 0,
    responses5xx: 0,
    lastChangeSec: 0,
    ...o,
  });

  const fail = (s: number): ProbeResult => ({
    at: at(s),
    level: "FAIL",
    latencyMs: null,
    statusCode: null,
    errorClass: "TIMEOUT",
    target: "GET http://x/healthz",
    message: "GET http://x/healthz timed out",
  });
  const pass = (s: number): ProbeResult => ({
    at: at(s),
    level: "PASS",
    latencyMs: 3,
    statusCode: 200,
    errorClass: null,
    target: "GET http://x/healthz",
    message: "GET http://x/healthz → 200",
  });
  const down = (s: number): Transition => ({ from: "UP", to: "DOWN", at: at(s), result: fail(s), firstFailure: fail(s - 1), streak: 2, downSince: at(s - 1) });
  const up = (s: number): Transition => ({ from: "DOWN", to: "UP", at: at(s), result: pass(s), firstFailure: null, streak: 2, downSince: at(s - 10) });
  const poll = (ctx: InstanceContext, transition: Transition, o: { flapping?: boolean; inMaintenance?: boolean } = {}) =>
    applyTransition(t.prisma, {
      ctx,
      transition,
      flapping: o.flapping ?? false,
      flapWindowMs: 60_000,
      inMaintenance: o.inMaintenance ?? false,
    });

  const faultsOf = (instanceId: string) =>
    t.prisma.fault.findMany({ where: { instanceId }, include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] } }, orderBy: { number: "asc" } });
  const timeline = (f: { events: Array<{ kind: string; actor: string }> }) => f.events.map((e) => `${e.kind}:${e.actor}`);

  it("HAProxy opens it first (start from lastchg); the poller adopts it, its class replacing BALANCER_REPORTED; HAProxy does not resolve while the poller sees DOWN; the last observer to see it serving resolves", async () => {
    const { ctx, observed, name } = await instance();
    const id = await onHaproxyDown(t.prisma, observed("UP"), snapshot(name, { checkStatus: "", checkCode: "", lastChangeSec: 7 }), at(0), false);
    let [f] = await faultsOf(ctx.instanceId);
    expect(f).toMatchObject({ id, source: "BALANCER", type: "BALANCER_REPORTED", severity: "SEV3", status: "OPEN", startedAt: at(-7), detectedAt: at(0) });
    expect(f!.cause).toBe(`HAProxy marked b/${name} DOWN: no check result`);

    expect(await poll(ctx, down(5))).toContain(id);
    [f] = await faultsOf(ctx.instanceId);
    expect(f).toMatchObject({ type: "TIMEOUT", flapCount: 0 });
    expect(f!.events.at(-1)!.message).toMatch(/^Poller confirms DOWN: /);

    // HAProxy sees it back while the poller still sees it DOWN: a note, not a resolution.
    expect(await onHaproxyUp(t.prisma, observed("DOWN"), snapshot(name, { status: "UP", checkStatus: "L7OK" }), at(8))).toBe(id);
    [f] = await faultsOf(ctx.instanceId);
    expect(f!.status).toBe("OPEN");
    expect(f!.events.at(-1)!.message).toMatch(/still DOWN per poller$/);
    // A repeated DOWN from the poller (its restart) adds nothing; its recovery resolves: no
    // observer sees it DOWN any more.
    await poll(ctx, down(9));
    await poll(ctx, up(12));
    const all = await faultsOf(ctx.instanceId);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: "RESOLVED", resolvedBy: "poller", resolvedAt: at(12), flapCount: 0, downSources: [] });
    expect(timeline(all[0]!)).toEqual(["OPENED:haproxy", "NOTE:poller", "BALANCER:haproxy", "RESOLVED:poller"]);
  });

  it("HAProxy resolves a fault it opened when the poller does not see the instance DOWN; a state sweep without a note writes nothing while the poller sees DOWN", async () => {
    const { ctx, observed, name } = await instance("STANDBY");
    const id = await onHaproxyDown(t.prisma, observed("UP"), snapshot(name, { lastChangeSec: 2 }), at(0), false);
    expect((await faultsOf(ctx.instanceId))[0]).toMatchObject({ type: "HTTP_STATUS", severity: "SEV4", source: "BALANCER" });
    expect(await onHaproxyUp(t.prisma, observed("UP"), snapshot(name, { status: "UP", checkStatus: "L7OK" }), at(3))).toBe(id);
    const [f] = await faultsOf(ctx.instanceId);
    expect(f).toMatchObject({ status: "RESOLVED", resolvedBy: "haproxy", resolvedAt: at(3) });
    expect(f!.resolution).toMatch(new RegExp(`^HAProxy reports b/${name} UP again`));

    // The poller sees it DOWN within the flap window: HAProxy's resolved fault is reopened.
    expect(await poll(ctx, down(10))).toContain(id);
    // A state sweep (no note) while the poller sees it DOWN: nothing written.
    expect(await onHaproxyUp(t.prisma, observed("DOWN"), snapshot(name, { status: "UP" }), at(11), { note: false })).toBeNull();
    // HAProxy saw it DOWN too: its words go on the poller's fault as evidence.
    expect(await onHaproxyDown(t.prisma, observed("DOWN"), snapshot(name, {}), at(12), false)).toBe(id);
    const [g] = await faultsOf(ctx.instanceId);
    expect(g).toMatchObject({ status: "OPEN", source: "BALANCER", flapCount: 1 });
    expect(timeline(g!)).toEqual(["OPENED:haproxy", "RESOLVED:haproxy", "REOPENED:poller", "BALANCER:haproxy"]);
  });

  it("in maintenance nothing opens; HAProxy still adds evidence to an open fault, the poller writes nothing", async () => {
    const { ctx, observed, name } = await instance();
    expect(await onHaproxyDown(t.prisma, observed("UP"), snapshot(name, {}), at(0), true)).toBeNull();
    await poll(ctx, down(2), { inMaintenance: true });
    expect(await faultsOf(ctx.instanceId)).toHaveLength(0);

    await poll(ctx, up(5));
    await poll(ctx, down(70));
    const [f] = await faultsOf(ctx.instanceId);
    expect(f).toMatchObject({ source: "POLLER", type: "TIMEOUT", severity: "SEV3", startedAt: at(69) });
    expect(await onHaproxyDown(t.prisma, observed("DOWN"), snapshot(name, {}), at(71), true)).toBe(f!.id);
    await poll(ctx, down(72), { inMaintenance: true });
    expect(timeline((await faultsOf(ctx.instanceId))[0]!)).toEqual(["OPENED:poller", "BALANCER:haproxy"]);
  });

  it("two recoveries written at once resolve the service fault once (10 rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      n++;
      const service = await t.prisma.service.create({ data: { name: `race-${n}` } });
      const pool = await t.prisma.pool.create({ data: { serviceId: service.id, name: `race-${n}-a`, role: "ACTIVE" } });
      const ctxs = await Promise.all(
        [1, 2].map(async (k) => {
          const inst = await t.prisma.instance.create({ data: { poolId: pool.id, name: `race-${n}-${k}`, address: `127.0.0.1:${30_000 + k}` } });
          return { instanceId: inst.id, instanceName: inst.name, serviceId: service.id, serviceName: service.name, poolRole: "ACTIVE" as const };
        }),
      );
      for (const c of ctxs) await poll(c, down(1));
      await Promise.all(ctxs.map((c) => poll(c, up(5))));
      const serviceFault = await t.prisma.fault.findFirstOrThrow({ where: { serviceId: service.id, instanceId: null }, include: { events: true } });
      expect(serviceFault.status).toBe("RESOLVED");
      expect(serviceFault.events.filter((e) => e.kind === "RESOLVED")).toHaveLength(1);
    }
  });

  // The evidence model's cases from issue 11, as sequences through the real writers.
  describe("evidence model", () => {
    const hx = (name: string, down: boolean) => snapshot(name, down ? { lastChangeSec: 0 } : { status: "UP", checkStatus: "L7OK" });

    it("flapping seen only by HAProxy (a 6 s flap for 70 s) folds into one fault that stays open until stable", async () => {
      const { ctx, observed, name } = await instance();
      const ids = new Set<string>();
      for (let s = 0; s < 70; s += 6) {
        ids.add((await onHaproxyDown(t.prisma, observed("UP"), hx(name, true), at(s), false))!);
        ids.add((await onHaproxyUp(t.prisma, observed("UP"), hx(name, false), at(s + 3)))!);
      }
      expect(ids.size).toBe(1);
      const [f, ...more] = await faultsOf(ctx.instanceId);
      expect(more).toHaveLength(0);
      expect(f).toMatchObject({ status: "OPEN", flapping: true, flapCount: 11, downSources: [], quietSince: at(69) });
      expect(f!.events.filter((e) => e.kind === "RESOLVED")).toHaveLength(1); // the first recovery, before it was a flap
      expect(f!.events.at(-1)!.message).toMatch(/still flapping, kept open until stable$/);
      // Not before a whole flap window of quiet, then once.
      expect(await resolveQuietFlapping(t.prisma, at(69 + 59), 60_000, ctx.instanceId)).toEqual([]);
      expect(await resolveQuietFlapping(t.prisma, at(69 + 60), 60_000, ctx.instanceId)).toEqual([f!.id]);
      expect(await resolveQuietFlapping(t.prisma, at(69 + 61), 60_000, ctx.instanceId)).toEqual([]);
      const [g] = await faultsOf(ctx.instanceId);
      expect(g).toMatchObject({ status: "RESOLVED", resolvedAt: at(129) });
      expect(g!.resolution).toMatch(/^Stopped flapping: serving and stable since 2026-12-01T10:01:09.000Z after 11 flaps$/);
    });

    it("a reopened fault takes the new type and cause; HAProxy, whose checks pass, does not resolve it", async () => {
      const { ctx, observed, name } = await instance();
      const refused: Transition = {
        ...down(5),
        result: { ...fail(5), errorClass: "CONNECTION_REFUSED", message: "connect ECONNREFUSED" },
        firstFailure: { ...fail(4), errorClass: "CONNECTION_REFUSED", message: "connect ECONNREFUSED" },
      };
      const id = (await poll(ctx, refused))[0];
      await onHaproxyDown(t.prisma, observed("DOWN"), snapshot(name, { checkStatus: "L4CON", checkCode: "", checkDetail: "Connection refused" }), at(6), false);
      await onHaproxyUp(t.prisma, observed("DOWN"), hx(name, false), at(9));
      await poll(ctx, up(10));
      expect((await faultsOf(ctx.instanceId))[0]).toMatchObject({ id, status: "RESOLVED", type: "CONNECTION_REFUSED" });

      const json: Transition = {
        ...down(20),
        result: { ...fail(20), errorClass: "BODY_MISMATCH", message: 'JSON status is "degraded", expected "ok"' },
        firstFailure: { ...fail(19), errorClass: "BODY_MISMATCH", message: 'JSON status is "degraded", expected "ok"' },
      };
      expect(await poll(ctx, json)).toContain(id);
      // HAProxy's check still passes: its "UP" news changes nothing.
      await onHaproxyUp(t.prisma, observed("DOWN"), hx(name, false), at(21));
      await onHaproxyUp(t.prisma, observed("DOWN"), hx(name, false), at(22), { note: false });
      const [f] = await faultsOf(ctx.instanceId);
      expect(f).toMatchObject({ id, status: "OPEN", type: "BODY_MISMATCH", flapCount: 1, downSources: ["POLLER"] });
      expect(f!.cause).toMatch(/JSON status/);
      expect(f!.events.some((e) => e.kind === "OPENED" && /ECONNREFUSED/.test(e.message))).toBe(true); // the old cause stays in the timeline
    });

    it("HAProxy opening the fault starts it at the poller's first failing check already stored", async () => {
      const { ctx, observed, name } = await instance();
      await t.prisma.checkResult.createMany({
        data: [
          { instanceId: ctx.instanceId, at: at(-10), ok: true },
          { instanceId: ctx.instanceId, at: at(-5), ok: false, errorClass: "TIMEOUT" },
          { instanceId: ctx.instanceId, at: at(-4), ok: true },
          { instanceId: ctx.instanceId, at: at(-3), ok: false, errorClass: "HTTP_STATUS" },
          { instanceId: ctx.instanceId, at: at(-2), ok: false, errorClass: "HTTP_STATUS" },
        ],
      });
      await onHaproxyDown(t.prisma, observed("UP"), snapshot(name, { lastChangeSec: 1 }), at(0), false);
      expect((await faultsOf(ctx.instanceId))[0]).toMatchObject({ startedAt: at(-3), detectedAt: at(0) });
      // The poller's own first failure, when earlier still, moves the start back.
      await poll(ctx, { ...down(1), firstFailure: fail(-3.5) });
      expect((await faultsOf(ctx.instanceId))[0]).toMatchObject({ startedAt: at(-3.5), detectedAt: at(0) });
    });

    it("detectedAt is when the observer saw it (not when a queued write ran) and never after resolvedAt", async () => {
      const { ctx, observed, name } = await instance();
      // HAProxy saw it at 20; the poller's DOWN (seen at 12) and UP (seen at 18) were queued
      // through a database outage and are written after HAProxy's recovery news.
      await onHaproxyDown(t.prisma, observed("UP"), snapshot(name, { lastChangeSec: 8 }), at(20), false);
      await poll(ctx, down(12));
      await onHaproxyUp(t.prisma, observed("DOWN"), hx(name, false), at(22));
      await poll(ctx, up(18));
      const [f] = await faultsOf(ctx.instanceId);
      expect(f).toMatchObject({ status: "RESOLVED", startedAt: at(11), resolvedAt: at(18), detectedAt: at(18) });

      // A poller-only outage written late keeps the poller's times.
      const other = await instance();
      await poll(other.ctx, down(40));
      await poll(other.ctx, up(45));
      expect((await faultsOf(other.ctx.instanceId))[0]).toMatchObject({ startedAt: at(39), detectedAt: at(40), resolvedAt: at(45) });
    });
  });
});
