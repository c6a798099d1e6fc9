/**
 * `npm run bench:reports`: how long the reliability report takes (queries + computation) over a
 * large fault history. Seeds a throwaway embedded PostgreSQL 18, then times loadReliabilityReport
 * — the function behind GET /api/v1/reports/reliability — several times. Prints its figures and
 * settings; never gates anything. Run `npm run bench:reports -- --help`.
 */
import { parseArgs } from "node:util";
import { createBenchDatabase, startBenchCluster } from "@/dev/bench/cluster";
import { machineLine } from "@/dev/bench/machine";
import { seedFaultHistory } from "@/dev/bench/seed-faults";
import { markdownTable, summarize } from "@/dev/bench/stats";
import { intArg, runBench } from "@/dev/bench/run-bench";
import type { Teardown } from "@/dev/bench/teardown";
import { createPrisma } from "@/lib/db/client";
import { loadReliabilityReport } from "@/lib/reports/load-reliability";
import { loadTimeline } from "@/lib/reports/load-timeline";

const HELP = `Usage: npm run bench:reports -- [--faults N] [--services N] [--runs N]

Seeds --services services × 2 pools × 10 instances (default 50 → 1,000 instances) and --faults
fault records (default 100,000; 1 % SERVICE_DOWN) over 30 days, then times the 30-day reliability
report (all services, and one service) and a 24 h incident timeline --runs times each (default 10)
after one warm-up. Goal: the 30-day report under 500 ms.`;

const DAY = 86_400_000;
const GOAL_MS = 500;

function parseCli() {
  const { values } = parseArgs({
    options: {
      faults: { type: "string", default: "100000" },
      services: { type: "string", default: "50" },
      runs: { type: "string", default: "10" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    help: values.help,
    faults: intArg("faults", values.faults, 100, 5_000_000),
    services: intArg("services", values.services, 1, 1000),
    runs: intArg("runs", values.runs, 1, 1000),
  };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: connections, plans
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function run(cli: ReturnType<typeof parseCli>, teardown: Teardown) {
  const machine = machineLine();
  const cluster = await startBenchCluster("reports", teardown);
  const { url } = await createBenchDatabase(cluster, "reports");
  const seedStart = performance.now();
  const counts = await seedFaultHistory(url, { services: cli.services, instancesPerPool: 10, faults: cli.faults, days: 30 });
  const seedMs = performance.now() - seedStart;
  const db = createPrisma(url, 10);
  teardown.add("bench DB client", () => db.$disconnect());
  const one = (await db.service.findFirstOrThrow({ orderBy: { name: "asc" } })).id;
  const now = Date.now();
  const q30 = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now).toISOString() };

  const report = await loadReliabilityReport(db, q30, now);
  const measures: Array<[string, number[]]> = [
    ["30-day report, all services", await time(cli.runs, () => loadReliabilityReport(db, q30, now))],
    ["30-day report, one service", await time(cli.runs, () => loadReliabilityReport(db, { ...q30, serviceId: one }, now))],
    ["24 h incident timeline", await time(cli.runs, () => loadTimeline(db, { from: new Date(now - DAY).toISOString(), to: q30.to }, now))],
  ];
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `bench:reports — ${counts.services} services, ${counts.instances} instances, ${counts.faults} faults over 30 days, ${counts.maintenance} maintenance windows (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
  );
  console.log(`  PostgreSQL ${cluster.version} (embedded), ${machine}, ${cli.runs} runs after a warm-up`);
  console.log(
    markdownTable(
      ["measure", "p50", "p95", "max"],
      measures.map(([name, v]) => {
        const s = summarize(v);
        return [name, ms(s.p50), ms(s.p95), ms(s.max)];
      }),
    ),
  );
  const p95 = summarize(measures[0]![1]).p95;
  const total = report.services.reduce((n, s) => n + s.faults, 0);
  console.log(`  report covers ${total} faults in range; goal — 30-day report p95 < ${GOAL_MS} ms: ${p95 < GOAL_MS ? "pass" : "MISS"}`);
}

runBench("reports", HELP, parseCli, run);
