import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBalancerObserver } from "@/lib/balancer/observer";
import { assessFailover } from "@/lib/failover/assess";
import { runFailover } from "@/lib/failover/run-failover";
import { toStored } from "@/lib/failover/stored-steps";
import { sweepInterruptedFailovers } from "@/lib/failover/sweep-failovers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { seedFleet } from "@/dev/demo/seed";
import { startHaproxyFleet, type HaproxyFleet } from "@/dev/bench/haproxy-fleet";
import { exited } from "@/dev/process/child";
import { startAuthWorld, type AuthWorld } from "../auth/harness";
import { eventually as until } from "../../support/eventually";
import { makeTempDir, removeDir } from "../../support/temp-dir";

const TRIALS = 20;
const SEED = Number(process.env.FAILOVER_KILL_SEED ?? 20261202);

/** mulberry32: a seeded PRNG, so a failing trial can be replayed with FAILOVER_KILL_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The runner in a child process (tests/support/failover-runner-child.ts), ready for one failover id. */
interface Runner {
  child: ChildProcess;
  run(id: string): Promise<void>;
}

async function startRunner(url: string): Promise<Runner> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/failover-runner-child.ts"], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, FAULTLINE_DATABASE_URL: url },
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiters = new Map<string, () => void>();
  const ready = new Promise<void>((resolve, reject) => {
    lines.on("line", (l) => {
      if (l === "READY") resolve();
      else if (l.startsWith("DONE ")) waiters.get(l.slice(5))?.();
    });
    child.once("exit", (code) => reject(new Error(`failover runner exited (${code}) before it was ready`)));
  });
  await ready;
  return {
    child,
    run: (id) =>
      new Promise<void>((resolve) => {
        waiters.set(id, resolve);
        child.stdin!.write(`${id}\n`);
      }),
  };
}

/**
 * kill -9 of the failover runner at random points of a failover and of a fail-back, under light
 * load through HAProxy. After the restart's sweep, in every trial: a pool serves every request,
 * the pool HAProxy sends traffic to is the record's ACTIVE pool, and the next failover and
 * fail-back both succeed.
 */
describe("failover runner killed at random points (real HAProxy, under load)", () => {
  let dir: string;
  let w: AuthWorld;
  let hx: HaproxyFleet;
  let observer: ReturnType<typeof startBalancerObserver>;
  let serviceId: string;
  let pools: Record<string, string>;
  let next: Promise<Runner>;
  const random = prng(SEED);
  const load = { ok: 0, failed: [] as string[], stop: false, done: Promise.resolve() };

  const activePool = async () => (await w.prisma.pool.findFirstOrThrow({ where: { serviceId, role: "ACTIVE" } })).name;
  /** A failover (or fail-back) recorded PENDING as the API records it, not yet run. */
  const pending = async (kind: "FAILOVER" | "FAILBACK") => {
    const a = await assessFailover(w.prisma, serviceId, { kind, toPoolId: kind === "FAILOVER" ? pools["shop-b"] : undefined });
    expect(a.reasons, JSON.stringify(a.reasons)).toEqual([]);
    const row = await w.prisma.failover.create({
      data: {
        serviceId,
        fromPoolId: a.sp.from.id,
        toPoolId: a.to.id,
        kind,
        trigger: "MANUAL",
        actor: "kill-test",
        reason: `kill trial (${kind})`,
        steps: toStored(a.steps) as unknown as Prisma.InputJsonValue,
      },
    });
    return row.id;
  };
  /** An uninterrupted move, in this process: it must verify. */
  const move = async (kind: "FAILOVER" | "FAILBACK") => {
    const id = await pending(kind);
    await runFailover(w.prisma, id, { verifyTimeoutMs: 10_000 });
    const row = await w.prisma.failover.findUniqueOrThrow({ where: { id } });
    expect(row.state, row.error ?? "").toBe("VERIFIED");
  };
  /**
   * Every request answered by the record's ACTIVE pool, and soon by all of its instances (no
   * capacity left drained). A just-readied server can need HAProxy's rise checks first, so "all"
   * may take a few seconds; an answer from the other pool, or an error, fails at once.
   */
  const expectActiveServes = async (label: string) => {
    const active = await activePool();
    const want = active === "shop-a" ? ["a-1", "a-2"] : ["b-1", "b-2"];
    const seen = new Set<string>();
    const deadline = Date.now() + 5_000;
    for (;;) {
      const hits = await hx.hits(12);
      const wrong = Object.keys(hits).filter((k) => !want.includes(k));
      expect(wrong, `${label}: record says ${active} is ACTIVE, HAProxy served ${JSON.stringify(hits)}`).toEqual([]);
      for (const k of Object.keys(hits)) seen.add(k);
      if (want.every((k) => seen.has(k))) return;
      expect(Date.now() < deadline, `${label}: only ${[...seen].join(", ")} of ${active} served within 5 s`).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** Resolve when the failover's stored steps show `k` of them done (or it ended). */
  const stepsDone = (id: string, k: number) =>
    until(
      `failover ${id}: ${k} step(s) done`,
      async () => {
        const row = await w.prisma.failover.findUniqueOrThrow({ where: { id } });
        const ok = (row.steps as Array<{ state: string }>).filter((st) => st.state === "OK").length;
        return ok >= k || !["PENDING", "APPLYING"].includes(row.state);
      },
      30_000,
      5,
    );
  /** Start state for a trial: `pool` ACTIVE (moving there with verified moves if needed). */
  const ensureActive = async (pool: "shop-a" | "shop-b") => {
    if ((await activePool()) !== pool) await move(pool === "shop-b" ? "FAILOVER" : "FAILBACK");
    expect(await activePool()).toBe(pool);
  };

  beforeAll(async () => {
    dir = await makeTempDir("hxk");
    w = await startAuthWorld(inject("pg18AdminUrl"), "failover_kill", { seed: false });
    hx = await startHaproxyFleet(dir, { checkInterMs: 300 });
    await seedFleet(w.prisma, hx.spec, { name: "test-lb", runtimeApi: `unix:${hx.socket}`, serverStateFile: hx.serverStateFile });
    await w.prisma.instance.updateMany({ data: { observedHealth: "UP" } });
    const service = await w.prisma.service.findUniqueOrThrow({ where: { name: "shop" }, include: { pools: true } });
    serviceId = service.id;
    pools = Object.fromEntries(service.pools.map((p) => [p.name, p.id]));
    // The observer and its drift reconciler run as they would in the restarted console.
    observer = startBalancerObserver(w.prisma, { intervalMs: 300 });
    next = startRunner(w.db.url);
    // Light load: one request at a time, ~40 per second, through HAProxy for the whole file.
    load.done = (async () => {
      while (!load.stop) {
        const res = await fetch(hx.frontend).catch((e: Error) => ({ ok: false, status: e.message }) as const);
        if (res.ok) load.ok++;
        else load.failed.push(String(res.status));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
  });
  afterAll(async () => {
    load.stop = true;
    await load.done;
    (await next.catch(() => null))?.child.kill("SIGKILL");
    await observer?.stop();
    await hx?.stop();
    await w?.close();
    await removeDir(dir);
  });

  for (const kind of ["FAILOVER", "FAILBACK"] as const) {
    it(
      `${kind.toLowerCase()}: ${TRIALS} kill -9 points, each swept to a serving, consistent state from which both moves work`,
      { timeout: 600_000 },
      async () => {
        const start = kind === "FAILOVER" ? "shop-a" : "shop-b";
        await ensureActive(start);
        const outcomes: string[] = [];
        for (let trial = 1; trial <= TRIALS; trial++) {
          await ensureActive(start);
          const runner = await next;
          next = startRunner(w.db.url);
          const id = await pending(kind);
          const steps = ((await w.prisma.failover.findUniqueOrThrow({ where: { id } })).steps as unknown[]).length;
          // A random point: after k of the steps (0…all), then 0–40 ms into whatever comes next.
          const k = Math.floor(random() * (steps + 1));
          const jitterMs = Math.round(random() * 40);
          const killAt = `${k}/${steps}+${jitterMs}ms`;
          const finished = runner.run(id);
          await Promise.race([stepsDone(id, k), finished]);
          await new Promise((r) => setTimeout(r, jitterMs));
          runner.child.kill("SIGKILL");
          await exited(runner.child);
          // The restarted console's sweep, a minute later (the runner's heartbeat went stale).
          await sweepInterruptedFailovers(w.prisma, new Date(Date.now() + 61_000));
          const row = await w.prisma.failover.findUniqueOrThrow({ where: { id } });
          expect(["VERIFIED", "ROLLED_BACK", "FAILED"], `trial ${trial}: ${row.state} ${row.error}`).toContain(row.state);
          outcomes.push(`${killAt}→${row.state}`);
          // Whatever HAProxy got from a transaction the kill cut off is drift: the reconciler puts it right.
          await until(`trial ${trial}: no drift left`, async () => (await w.prisma.instance.count({ where: { drift: true } })) === 0);
          await expectActiveServes(`trial ${trial} (killed after ${killAt}, ${row.state})`);
          // From here both moves work, and the service is served throughout.
          const here = await activePool();
          await move(here === "shop-a" ? "FAILOVER" : "FAILBACK");
          await expectActiveServes(`trial ${trial}, first further move`);
          await move(here === "shop-a" ? "FAILBACK" : "FAILOVER");
          await expectActiveServes(`trial ${trial}, second further move`);
        }
        console.log(`${kind} kill trials (seed ${SEED}; killed after steps done + jitter → outcome): ${outcomes.join(", ")}`);
        console.log(`load through HAProxy so far: ${load.ok} answered, ${load.failed.length} failed ${JSON.stringify(load.failed.slice(0, 5))}`);
        expect(load.failed).toEqual([]);
      },
    );
  }
});
