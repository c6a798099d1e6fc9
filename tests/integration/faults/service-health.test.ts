import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBalancerObserver } from "@/lib/balancer/observer";
import { fingerprints } from "@/lib/faults/fingerprint";
import { UNRESOLVED } from "@/lib/faults/unresolved";
import { loadReliabilityReport } from "@/lib/reports/load-reliability";
import { seedFleet } from "@/dev/demo/seed";
import { startHaproxyFleet, type HaproxyFleet } from "@/dev/bench/haproxy-fleet";
import { call, startAuthWorld, type AuthWorld } from "../auth/harness";
import { eventually as until } from "../../support/eventually";
import { makeTempDir, removeDir } from "../../support/temp-dir";

/**
 * Service health is what clients get, read on a real HAProxy in front of the fleet simulator
 * (shop-a active, shop-b its `backup` servers): the primaries down while the backups serve is
 * DEGRADED (a SEV2, no outage in availability); every instance drained is an outage (SEV1 within
 * 2 s, naming who drained them), and HAProxy answers 503 as the record says.
 */
describe("service health from what HAProxy serves (real HAProxy)", () => {
  let dir: string;
  let w: AuthWorld;
  let hx: HaproxyFleet;
  let observer: ReturnType<typeof startBalancerObserver>;
  let serviceId: string;
  const id: Record<string, string> = {};

  const service = async () => (await call(`/api/v1/services/${serviceId}`, { bearer: w.tokens.VIEWER.secret })).body;
  const openServiceFault = (fp: string) => w.prisma.fault.findFirst({ where: { fingerprint: fp, ...UNRESOLVED } });
  const patch = (name: string, body: object) => call(`/api/v1/instances/${id[name]}`, { method: "PATCH", bearer: w.tokens.OPERATOR.secret, body });

  beforeAll(async () => {
    dir = await makeTempDir("hxs");
    w = await startAuthWorld(inject("pg18AdminUrl"), "service_health");
    hx = await startHaproxyFleet(dir, { checkInterMs: 300 });
    await seedFleet(w.prisma, hx.spec, { name: "test-lb", runtimeApi: `unix:${hx.socket}`, serverStateFile: hx.serverStateFile });
    for (const i of await w.prisma.instance.findMany()) id[i.name] = i.id;
    await w.prisma.instance.updateMany({ data: { observedHealth: "UP" } });
    serviceId = (await w.prisma.service.findUniqueOrThrow({ where: { name: "shop" } })).id;
    observer = startBalancerObserver(w.prisma, { intervalMs: 300 });
    await until("shop UP", async () => (await service()).state === "UP");
  });
  afterAll(async () => {
    await observer?.stop();
    await hx?.stop();
    await w?.close();
    await removeDir(dir);
  });

  it("both primaries down, the backups serve: DEGRADED with the reason, a SEV2 SERVICE_DEGRADED, no SEV1, availability 100 %", async () => {
    const from = new Date();
    // Traffic to the primaries first: their last buckets must not stand in for "now" later.
    const until3s = Date.now() + 3_000;
    while (Date.now() < until3s) await hx.hits(5);
    await hx.fleet.setChaos("a-1", { mode: "down" });
    await hx.fleet.setChaos("a-2", { mode: "down" });
    const degraded = await until("SERVICE_DEGRADED opened", () => openServiceFault(fingerprints.serviceDegraded(serviceId)), 10_000);
    expect(degraded).toMatchObject({ type: "SERVICE_DEGRADED", severity: "SEV2", instanceId: null });
    expect(degraded.cause).toMatch(/active pool shop-a serves nothing; HAProxy's backup servers of shop-b serve \(2\/2\)/);
    const view = await service();
    expect(view).toMatchObject({ state: "DEGRADED" });
    expect(view.stateReason).toMatch(/backup servers of shop-b serve/);
    // What clients get: the backups answer.
    const hits = await hx.hits(10);
    expect(Object.keys(hits).sort()).toEqual(["b-1", "b-2"]);
    expect(await openServiceFault(fingerprints.serviceDown(serviceId))).toBeNull();
    // Traffic now follows what HAProxy does: the backups carry it, the DOWN primaries show 0.
    const until8s = Date.now() + 8_000;
    while (Date.now() < until8s) await hx.hits(5);
    const traffic = Object.fromEntries(((await service()).traffic as Array<{ instanceId: string; reqPerSec: number }>).map((r) => [r.instanceId, r.reqPerSec]));
    expect([traffic[id["a-1"]!], traffic[id["a-2"]!]]).toEqual([0, 0]);
    expect(traffic[id["b-1"]!]! + traffic[id["b-2"]!]!).toBeGreaterThan(1);

    await hx.fleet.setChaos("a-1", { mode: "up" });
    await hx.fleet.setChaos("a-2", { mode: "up" });
    await until("SERVICE_DEGRADED resolved", async () => !(await openServiceFault(fingerprints.serviceDegraded(serviceId))), 10_000);
    const to = new Date();
    const report = await loadReliabilityReport(w.prisma, { from: from.toISOString(), to: to.toISOString() }, to.getTime());
    expect(report.services.find((s) => s.serviceId === serviceId)).toMatchObject({ downMs: 0, availabilityPct: 100 });
  });

  it("every instance drained by an operator: a SEV1 SERVICE_DOWN within 2 s naming the drain; resolved when one is readied", async () => {
    await until("shop UP", async () => (await service()).state === "UP");
    for (const name of ["b-1", "b-2", "a-1"]) expect((await patch(name, { adminState: "DRAIN", reason: "test: drain" })).status).toBe(200);
    expect(await openServiceFault(fingerprints.serviceDown(serviceId))).toBeNull();
    const drainedAt = Date.now();
    expect((await patch("a-2", { adminState: "DRAIN", reason: "test: the last one" })).status).toBe(200);
    const down = await until("SERVICE_DOWN opened", () => openServiceFault(fingerprints.serviceDown(serviceId)), 5_000, 50);
    expect(down.detectedAt.getTime() - drainedAt).toBeLessThan(2_000);
    expect(down).toMatchObject({ type: "SERVICE_DOWN", severity: "SEV1" });
    expect(down.cause).toMatch(/^No instance serving \(4 that could\): 4 instances drained or in maintenance — last change: instance.update of a-2 by token:/);
    expect(down.cause).toContain('("test: the last one")');
    expect((await service()).state).toBe("DOWN");
    const hits = await hx.hits(5);
    expect(Object.keys(hits)).toEqual(["HTTP 503"]);

    await new Promise((r) => setTimeout(r, 3_000));
    const readiedAt = Date.now();
    expect((await patch("a-1", { adminState: "READY", reason: "test: back" })).status).toBe(200);
    await until("SERVICE_DOWN resolved", async () => !(await openServiceFault(fingerprints.serviceDown(serviceId))), 5_000);
    // The report's downtime is the scripted outage: from the last drain to the first readied
    // instance, within one observer pass at each end.
    const to = new Date();
    const report = await loadReliabilityReport(w.prisma, { from: new Date(drainedAt - 60_000).toISOString(), to: to.toISOString() }, to.getTime());
    const downMs = report.services.find((x) => x.serviceId === serviceId)!.downMs;
    expect(Math.abs(downMs - (readiedAt - drainedAt))).toBeLessThan(1_500);
    for (const name of ["a-2", "b-1", "b-2"]) await patch(name, { adminState: "READY", reason: "test: back" });
  });
});
