/**
 * `npm run bench:detect`: how long from an instance failing to its fault row, end to end — fleet
 * simulator → real poller → PostgreSQL. Prints its figures and the settings that produced them;
 * never gates anything (exit 0 whether or not the goal is met). Run `npm run bench:detect -- --help`.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createBenchDatabase, startBenchCluster } from "@/dev/bench/cluster";
import { machineLine } from "@/dev/bench/machine";
import { markdownTable, seconds, summarize, type Summary } from "@/dev/bench/stats";
import { intArg, runBench } from "@/dev/bench/run-bench";
import type { Teardown } from "@/dev/bench/teardown";
import { createPrisma } from "@/lib/db/client";
import { seedFleet } from "@/dev/demo/seed";
import { fingerprints } from "@/lib/faults/fingerprint";
import { startFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";
import { errLine } from "@/lib/log";
import { startPoller } from "@/lib/poller/poller";

const HELP = `Usage: npm run bench:detect -- [--trials N] [--instances N] [--parallel N]

Measures fault detection end to end: an embedded PostgreSQL 18 in a temp dir, the fleet
simulator, the real poller. Each trial sets one instance to "refuse" or "down" (alternating),
waits for its fault row (DB polled every 50 ms), sets it "up" and waits for the resolution.

Options:
  --trials N      trials to run (default 20)
  --instances N   simulated instances (default 10)
  --parallel N    trials running at once, each on its own instance (default 2)
  -h, --help      show this help

Checks: every 1 s, fall 2, rise 2, timeout 500 ms. Goal: chaos → fault row p95 ≤ 2.5 s.
The result never changes the exit code (0) unless the benchmark itself breaks.`;

const INTERVAL_MS = 1000;
const FALL = 2;
const RISE = 2;
const TIMEOUT_MS = 500;
const POLL_MS = 50;
const WAIT_MS = 15_000;
const GOAL_P95_MS = 2500;
/**
 * Shorter than the product default (5 min) so an instance can be used again soon: a DOWN within
 * the window after a resolution reopens the old fault instead of writing a new row. An instance
 * rests for this long after its resolution before its next trial.
 */
const FLAP_WINDOW_MS = 10_000;

interface Trial {
  n: number;
  instance: string;
  mode: "refuse" | "down";
  /** first failing check → fault row: detectedAt − startedAt. */
  checkToRow: number;
  /** chaos set → fault row seen. */
  chaosToRow: number;
  /** "up" set → fault seen RESOLVED. */
  upToResolved: number;
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      trials: { type: "string", default: "20" },
      instances: { type: "string", default: "10" },
      parallel: { type: "string", default: "2" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const instances = intArg("instances", values.instances, 2, 200);
  return {
    help: values.help,
    trials: intArg("trials", values.trials, 1, 10_000),
    instances,
    // Keep the active pool from going entirely down (that would add a service fault).
    parallel: intArg("parallel", values.parallel, 1, Math.max(1, instances - 1)),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

async function run(cli: ReturnType<typeof parseCli>, teardown: Teardown): Promise<void> {
  const machine = machineLine();
  const cluster = await startBenchCluster("detect", teardown);
  const { url } = await createBenchDatabase(cluster, "detect");
  // The poller gets its own connections; the benchmark's 50 ms polling uses separate ones.
  const pollerDb = createPrisma(url, 8);
  teardown.add("poller DB client", () => pollerDb.$disconnect());
  const db = createPrisma(url, 4);
  teardown.add("bench DB client", () => db.$disconnect());

  const ports = await Promise.all(Array.from({ length: cli.instances }, () => freePort()));
  const names = ports.map((_, i) => `bench-${i + 1}`);
  const spec = parseFleet({
    services: [{ name: "bench", pools: [{ name: "bench-a", role: "ACTIVE", instances: names.map((name, i) => ({ name, port: ports[i]! })) }] }],
  });
  const fleet = await startFleet({ fleet: spec, controlPort: 0 });
  teardown.add("fleet simulator", () => fleet.stop());
  await seedFleet(db, spec);
  await db.instance.updateMany({ data: { checkIntervalMs: INTERVAL_MS, checkTimeoutMs: TIMEOUT_MS, checkFall: FALL, checkRise: RISE } });
  const ids = new Map((await db.instance.findMany({ select: { id: true, name: true } })).map((r) => [r.name, r.id]));

  const poller = await startPoller(pollerDb, { flap: { transitions: 4, windowMs: FLAP_WINDOW_MS } });
  teardown.add("poller", () => poller.stop());
  await waitFor("every instance UP", async () => (await db.instance.count({ where: { observedHealth: "UP" } })) === cli.instances);
  await waitFor("no open fault", async () => (await db.fault.count({ where: { status: { not: "RESOLVED" } } })) === 0);
  // A loaded machine can fail first checks (500 ms timeout) and open faults before any chaos: an
  // instance with such a fault rests for the flap window, so its trial writes a new row.
  const early = await db.fault.findMany({
    where: { instanceId: { not: null } },
    select: { instance: { select: { name: true } }, type: true, resolvedAt: true },
  });
  const restingUntil = new Map(names.map((n) => [n, 0]));
  for (const f of early) {
    const name = f.instance!.name;
    restingUntil.set(name, Math.max(restingUntil.get(name)!, (f.resolvedAt?.getTime() ?? Date.now()) + FLAP_WINDOW_MS + 500));
  }

  console.log(`bench:detect — ${cli.trials} trials on ${cli.instances} instances, ${cli.parallel} at a time`);
  if (early.length)
    console.log(`  note: ${early.length} fault(s) opened before any chaos (${[...new Set(early.map((f) => f.type))].join(", ")}) — the machine is loaded`);
  const trials: Trial[] = [];
  const failures: string[] = [];
  const busy = new Set<string>();
  let next = 0;

  const takeInstance = async (): Promise<string> => {
    for (;;) {
      const now = Date.now();
      const free = names.filter((n) => !busy.has(n) && restingUntil.get(n)! <= now).sort((a, b) => restingUntil.get(a)! - restingUntil.get(b)!);
      if (free[0]) {
        busy.add(free[0]);
        return free[0];
      }
      await sleep(100);
    }
  };

  const trial = async (n: number): Promise<void> => {
    const instance = await takeInstance();
    const instanceId = ids.get(instance)!;
    const mode = n % 2 === 0 ? "refuse" : "down";
    try {
      const fp = fingerprints.instanceDown(instanceId);
      const chaosAt = Date.now();
      await fleet.setChaos(instance, { mode });
      const fault = await waitFor(`the fault of ${instance}`, () => db.fault.findFirst({ where: { fingerprint: fp, status: { not: "RESOLVED" } } }));
      const rowAt = Date.now();
      if (fault.detectedAt.getTime() < chaosAt - 1000) throw new Error(`${instance}: an older fault was reopened, not a new row (flap window)`);
      const upAt = Date.now();
      await fleet.setChaos(instance, { mode: "up" });
      await waitFor(`the resolution of ${instance}`, () => db.fault.findFirst({ where: { id: fault.id, status: "RESOLVED" } }));
      const resolvedAt = Date.now();
      const t: Trial = {
        n,
        instance,
        mode,
        checkToRow: fault.detectedAt.getTime() - fault.startedAt.getTime(),
        chaosToRow: rowAt - chaosAt,
        upToResolved: resolvedAt - upAt,
      };
      trials.push(t);
      console.log(
        `  trial ${String(n + 1).padStart(3)} ${instance.padEnd(10)} ${mode.padEnd(6)}  check→row ${seconds(t.checkToRow)}  chaos→row ${seconds(t.chaosToRow)}  up→resolved ${seconds(t.upToResolved)}`,
      );
      restingUntil.set(instance, resolvedAt + FLAP_WINDOW_MS + 500);
    } catch (err) {
      if (teardown.stopping) return;
      failures.push(`trial ${n + 1} (${instance}, ${mode}): ${errLine(err)}`);
      console.log(`  trial ${String(n + 1).padStart(3)} ${instance} ${mode}: FAILED — ${errLine(err)}`);
      await fleet.setChaos(instance, { mode: "up" }).catch(() => undefined);
      restingUntil.set(instance, Date.now() + FLAP_WINDOW_MS + 5_000);
    } finally {
      busy.delete(instance);
    }
  };

  const started = Date.now();
  await Promise.all(
    Array.from({ length: cli.parallel }, async () => {
      while (next < cli.trials && !teardown.stopping) await trial(next++);
    }),
  );
  const elapsed = Date.now() - started;

  const row = (label: string, s: Summary) => [label, String(s.n), seconds(s.p50), seconds(s.p95), seconds(s.max)];
  const pick = (f: (t: Trial) => number, mode?: Trial["mode"]) => summarize(trials.filter((t) => !mode || t.mode === mode).map(f));
  const chaos = pick((t) => t.chaosToRow);

  console.log(`
## bench:detect

Settings: checks every ${INTERVAL_MS} ms (jitter ±5 %), fall ${FALL}, rise ${RISE}, timeout ${TIMEOUT_MS} ms; ${cli.trials} trials
(${trials.length} completed, ${failures.length} failed) on ${cli.instances} simulated instances, ${cli.parallel} at a time,
chaos alternating refuse/down; fault table polled every ${POLL_MS} ms; flap window ${FLAP_WINDOW_MS / 1000} s;
poller defaults otherwise; embedded PostgreSQL ${cluster.version} (fsync on); ${Math.round(elapsed / 1000)} s of trials.
Machine: ${machine}; load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}.

${markdownTable(
  ["measure", "n", "p50", "p95", "max"],
  [
    row(
      "(a) first failing check → fault row (detectedAt − startedAt)",
      pick((t) => t.checkToRow),
    ),
    row("(b) chaos → fault row", chaos),
    row(
      "    (b) refuse only",
      pick((t) => t.chaosToRow, "refuse"),
    ),
    row(
      "    (b) down (503) only",
      pick((t) => t.chaosToRow, "down"),
    ),
    row(
      "(c) up → fault resolved",
      pick((t) => t.upToResolved),
    ),
  ],
)}

Goal: chaos → fault row p95 ≤ ${seconds(GOAL_P95_MS)}: ${chaos.n === 0 ? "MISS (no completed trial)" : chaos.p95 <= GOAL_P95_MS ? "PASS" : "MISS"} (p95 ${seconds(chaos.p95)})`);
  for (const f of failures) console.log(`  failed: ${f}`);
}

runBench("detect", HELP, parseCli, run);
