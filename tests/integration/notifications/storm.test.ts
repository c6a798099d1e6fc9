import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedFleet } from "@/dev/demo/seed";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";
import { startPoller, type RunningPoller } from "@/lib/poller/poller";
import { startAuthWorld, type AuthWorld } from "../auth/harness";
import { eventually } from "../../support/eventually";
import { startHttpReceiver, type HttpReceiver } from "../../support/receivers";
import { runNotifier, webhookRoute } from "./harness";

/**
 * No storm: the real poller on a real fleet simulator, one active pool of 10 instances going
 * down one after another → one notification per route for the service fault (listing the 10),
 * and one for its resolution — not 11 + 11.
 */
describe("an active pool of 10 going down (real poller, fleet simulator)", () => {
  const SECRET = "storm-signing-secret";
  let w: AuthWorld;
  let fleet: RunningFleet;
  let poller: RunningPoller;
  let stopNotifier: () => Promise<void>;
  const rx: HttpReceiver[] = [];
  const names = Array.from({ length: 10 }, (_, i) => `web-a-${i + 1}`);

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "notify_storm");
    const ports = await Promise.all(names.map(() => freePort()));
    const spec = parseFleet({
      services: [{ name: "web", pools: [{ name: "web-a", role: "ACTIVE", instances: names.map((name, i) => ({ name, port: ports[i] })) }] }],
    });
    fleet = await startFleet({ fleet: spec, controlPort: 0 });
    await seedFleet(w.prisma, spec);
    await w.prisma.instance.updateMany({ data: { checkIntervalMs: 1000, checkTimeoutMs: 500 } });
    poller = await startPoller(w.prisma, { refreshMs: 500, flap: { transitions: 6, windowMs: 60_000 } });
    await eventually("all UP", async () => (await w.prisma.instance.count({ where: { observedHealth: "UP" } })) === 10, 15_000);
    const serviceId = (await w.prisma.service.findUniqueOrThrow({ where: { name: "web" } })).id;
    // Two routes on two channels: each gets one message per service-fault change.
    for (let i = 0; i < 2; i++) {
      const r = await startHttpReceiver({ secret: SECRET });
      rx.push(r);
      await webhookRoute(w, { url: r.url, secret: SECRET, serviceId: i === 0 ? serviceId : null });
    }
    stopNotifier = runNotifier(w.prisma, { groupWaitMs: 4_000 });
  });
  afterAll(async () => {
    await stopNotifier?.();
    await poller?.stop();
    await fleet?.stop();
    for (const r of rx) await r.stop();
    await w?.close();
  });

  it("one message per route for the outage and one for its end", async () => {
    for (const [i, name] of names.entries()) {
      await fleet.setChaos(name, { mode: i % 2 ? "refuse" : "down" });
      await new Promise((r) => setTimeout(r, 150));
    }
    const serviceFault = await eventually("SERVICE_DOWN open", () => w.prisma.fault.findFirst({ where: { type: "SERVICE_DOWN", status: "OPEN" } }), 15_000);
    await eventually("10 instance faults grouped", async () => (await w.prisma.fault.count({ where: { parentId: serviceFault.id } })) === 10, 15_000);
    await eventually("service fault announced on both", async () => rx.every((r) => r.requests.length >= 1), 10_000);
    // The group wait of the first instance faults has passed: nothing more was sent.
    await new Promise((r) => setTimeout(r, 5_000));
    for (const r of rx) {
      expect(r.requests.map((q) => q.headers["x-faultline-event"])).toEqual(["FAULT_OPENED"]);
      const body = r.requests[0]!.json as { fault: { type: string; grouped: unknown[] }; text: string };
      expect(body.fault.type).toBe("SERVICE_DOWN");
      expect(body.fault.grouped).toHaveLength(10);
      expect(body.text).toContain("10 instance faults grouped under it");
    }
    const held = await w.prisma.notificationDelivery.findMany({ where: { faultId: { not: serviceFault.id }, event: "FAULT_OPENED" } });
    expect(held.length).toBe(20);
    expect(held.every((d) => d.status === "SUPPRESSED" && /(covered by|grouped under) the service fault F-\d+/.test(d.note ?? ""))).toBe(true);

    for (const name of names) await fleet.setChaos(name, { mode: "up" });
    await eventually(
      "service fault resolved",
      async () => (await w.prisma.fault.findUniqueOrThrow({ where: { id: serviceFault.id } })).status === "RESOLVED",
      15_000,
    );
    await eventually("all instance faults resolved", async () => (await w.prisma.fault.count({ where: { status: { not: "RESOLVED" } } })) === 0, 15_000);
    await eventually("resolution announced on both", async () => rx.every((r) => r.requests.length >= 2), 10_000);
    await new Promise((r) => setTimeout(r, 1_000));
    for (const r of rx) expect(r.requests.map((q) => q.headers["x-faultline-event"])).toEqual(["FAULT_OPENED", "FAULT_RESOLVED"]);
  });
});
