import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBalancerObserver } from "@/lib/balancer/observer";
import { resolveQuietFlapping } from "@/lib/faults/instance-down";
import { DEFAULT_FLAP_POLICY } from "@/lib/detection/flapping";
import { startPoller, type RunningPoller } from "@/lib/poller/poller";
import { seedFleet } from "@/dev/demo/seed";
import { startHaproxyFleet, type HaproxyFleet } from "@/dev/bench/haproxy-fleet";
import { freshDatabase, type TestDatabase } from "../../support/databases";
import { eventually as until } from "../../support/eventually";
import { makeTempDir, removeDir } from "../../support/temp-dir";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The evidence model live: the real poller and the real balancer observer over a real HAProxy
 * (its own checks and `observe layer7`) in front of the fleet simulator, both writing the same
 * instance faults.
 */
describe("fault evidence from the poller and HAProxy together (live)", () => {
  let dir: string;
  let t: TestDatabase;
  let hx: HaproxyFleet;
  let poller: RunningPoller;
  let observer: ReturnType<typeof startBalancerObserver>;
  const id: Record<string, string> = {};

  const faultsOf = (name: string) =>
    t.prisma.fault.findMany({ where: { instanceId: id[name] }, include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] } }, orderBy: { number: "asc" } });

  beforeAll(async () => {
    dir = await makeTempDir("hxe");
    t = await freshDatabase(inject("pg18AdminUrl"), "evidence_live");
    hx = await startHaproxyFleet(dir, { checkInterMs: 1000 });
    await seedFleet(t.prisma, hx.spec, { name: "test-lb", runtimeApi: `unix:${hx.socket}`, serverStateFile: hx.serverStateFile });
    for (const i of await t.prisma.instance.findMany()) id[i.name] = i.id;
    await t.prisma.instance.updateMany({ data: { checkIntervalMs: 1000, checkTimeoutMs: 500 } });
    // a-2's health is read like an operator would: the JSON body must say "ok".
    await t.prisma.instance.update({ where: { id: id["a-2"] }, data: { checkJsonPath: "status", checkJsonEquals: "ok" } });
    poller = await startPoller(t.prisma, { refreshMs: 500 });
    observer = startBalancerObserver(t.prisma, { intervalMs: 500 });
    await until("all UP", async () => (await t.prisma.instance.count({ where: { observedHealth: "UP" } })) === 4, 15_000);
  }, 30_000);
  afterAll(async () => {
    await observer?.stop();
    await poller?.stop();
    await hx?.stop();
    await t?.drop();
    await removeDir(dir);
  });

  it("70 s of a 6 s flap seen by both observers: one fault with its flap count, kept open until stable", { timeout: 120_000 }, async () => {
    await hx.fleet.setChaos("a-1", { mode: "flap", periodMs: 6000 });
    await sleep(70_000);
    await hx.fleet.setChaos("a-1", { mode: "up" });
    await until("a-1 serving on both", async () => {
      const i = await t.prisma.instance.findUniqueOrThrow({ where: { id: id["a-1"] } });
      return i.observedHealth === "UP" && i.haproxyStatus === "UP";
    });
    await sleep(1_000);
    const faults = await faultsOf("a-1");
    expect(faults.map((f) => `F-${f.number} ${f.status} flaps ${f.flapCount}`)).toHaveLength(1);
    const [f] = faults;
    expect(f).toMatchObject({ status: "OPEN", flapping: true, downSources: [] });
    expect(f!.flapCount).toBeGreaterThanOrEqual(4);
    // At most the first recovery resolved it, before it was known to flap; never again after.
    const kinds = f!.events.map((e) => e.kind);
    expect(kinds.filter((k) => k === "RESOLVED").length).toBeLessThanOrEqual(1);
    expect(kinds.slice(kinds.indexOf("REOPENED") + 1)).not.toContain("RESOLVED");
    expect(new Set(f!.events.map((e) => e.actor))).toEqual(new Set(["poller", "haproxy"]));
    // Stable for a whole flap window → resolved once.
    const later = new Date(f!.quietSince!.getTime() + DEFAULT_FLAP_POLICY.windowMs);
    expect(await resolveQuietFlapping(t.prisma, later, DEFAULT_FLAP_POLICY.windowMs, id["a-1"])).toEqual([f!.id]);
  });

  it(
    "refuse → recover → JSON mismatch: the same fault reopened as BODY_MISMATCH, not resolved by HAProxy's passing checks; it starts at the first stored failing check",
    { timeout: 60_000 },
    async () => {
      await hx.fleet.setChaos("a-2", { mode: "refuse" });
      const refused = await until("refused fault with HAProxy's evidence", async () => {
        const [f] = await faultsOf("a-2");
        return f && f.downSources.length === 2 ? f : null;
      });
      expect(refused.type).toBe("CONNECTION_REFUSED");
      await hx.fleet.setChaos("a-2", { mode: "up" });
      await until("resolved", async () => (await faultsOf("a-2"))[0]?.status === "RESOLVED");
      // The first failing check of that streak, as stored.
      const lastOk = await t.prisma.checkResult.findFirst({
        where: { instanceId: id["a-2"], ok: true, at: { lt: refused.startedAt } },
        orderBy: { at: "desc" },
      });
      const firstFail = await t.prisma.checkResult.findFirst({ where: { instanceId: id["a-2"], ok: false, at: { gt: lastOk!.at } }, orderBy: { at: "asc" } });
      // The earliest failing evidence on record: the poller's first failing check, or HAProxy's DOWN
      // when HAProxy saw it first (CI once had HAProxy 250 ms ahead) — never before the last pass.
      expect(refused.startedAt.getTime()).toBeLessThanOrEqual(firstFail!.at.getTime());
      expect(refused.startedAt.getTime()).toBeGreaterThan(lastOk!.at.getTime());
      if (refused.startedAt.getTime() < firstFail!.at.getTime()) expect(refused.events.some((e) => e.actor === "haproxy")).toBe(true);

      await hx.fleet.setChaos("a-2", { mode: "unhealthy" });
      const reopened = await until("reopened", async () => {
        const [f] = await faultsOf("a-2");
        return f && f.status === "OPEN" ? f : null;
      });
      expect(reopened).toMatchObject({ id: refused.id, type: "BODY_MISMATCH", flapCount: 1, downSources: ["POLLER"] });
      expect(reopened.cause).toMatch(/status/);
      await sleep(4_000); // HAProxy's status-only checks pass all along
      const still = (await faultsOf("a-2"))[0]!;
      expect(still).toMatchObject({ status: "OPEN", type: "BODY_MISMATCH" });
      expect((await t.prisma.instance.findUniqueOrThrow({ where: { id: id["a-2"] } })).haproxyStatus).toBe("UP");
      expect(still.events.some((e) => e.kind === "OPENED" && /refused/i.test(e.message))).toBe(true);

      // Its second recovery within the flap window (down, up, down, up): flapping, kept open until stable.
      await hx.fleet.setChaos("a-2", { mode: "up" });
      const held = await until("the poller sees it serving", async () => {
        const [f] = await faultsOf("a-2");
        return f && f.downSources.length === 0 ? f : null;
      });
      expect(held).toMatchObject({ status: "OPEN", flapping: true });
    },
  );
});
