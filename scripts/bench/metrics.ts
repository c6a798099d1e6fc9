/**
 * `npm run bench:metrics`: the Prometheus scrape at fleet scale — its time and its series count.
 * Prints its figures beside the goal; never gates anything. Run `npm run bench:metrics -- --help`.
 */
import { parseArgs } from "node:util";
import { createBenchDatabase, startBenchCluster } from "@/dev/bench/cluster";
import { machineLine } from "@/dev/bench/machine";
import { intArg, runBench } from "@/dev/bench/run-bench";
import { summarize } from "@/dev/bench/stats";
import type { Teardown } from "@/dev/bench/teardown";
import { systemActor } from "@/lib/auth/actor";
import { createPrisma } from "@/lib/db/client";
import { createManualFault } from "@/lib/faults/update-fault";
import { renderMetrics } from "@/lib/runtime/metrics";

const HELP = `Usage: npm run bench:metrics -- [--services N] [--instances-per-service N] [--scrapes N]

On an embedded PostgreSQL 18 in a temp dir: N services (default 1,000) × M instances (default 10)
in one active pool each, 1 % of them DOWN, an open fault per DOWN instance; then --scrapes
(default 20) renders of the exposition the metrics port serves (database reads included).

Goal: a scrape < 200 ms at 10,000 instances. The exit code is 0 whatever the figures.`;

const GOAL_MS = 200;
const CTX = { actor: systemActor(), requestId: null, clientIp: null };
const HEALTH = ["UP", "UP", "UP", "DEGRADED"] as const;

function parseCli() {
  const { values } = parseArgs({
    options: {
      services: { type: "string", default: "1000" },
      "instances-per-service": { type: "string", default: "10" },
      scrapes: { type: "string", default: "20" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    help: values.help,
    services: intArg("services", values.services, 1, 10_000),
    perService: intArg("instances-per-service", values["instances-per-service"], 1, 100),
    scrapes: intArg("scrapes", values.scrapes, 1, 1000),
  };
}

async function run(cli: ReturnType<typeof parseCli>, teardown: Teardown): Promise<void> {
  const machine = machineLine();
  const cluster = await startBenchCluster("metrics", teardown);
  const { url } = await createBenchDatabase(cluster, "metrics");
  const db = createPrisma(url, 8);
  teardown.add("bench DB client", () => db.$disconnect());
  for (let s = 0; s < cli.services; s++) {
    const service = await db.service.create({
      data: { name: `svc-${s}`, pools: { create: { name: `svc-${s}-a`, role: "ACTIVE" } } },
      include: { pools: true },
    });
    await db.instance.createMany({
      data: Array.from({ length: cli.perService }, (_, i) => ({
        poolId: service.pools[0]!.id,
        name: `svc-${s}-a-${i}`,
        address: `127.0.0.1:${10_000 + i}`,
        observedHealth: (s * cli.perService + i) % 100 === 0 ? ("DOWN" as const) : HEALTH[i % HEALTH.length]!,
      })),
    });
  }
  const down = await db.instance.findMany({ where: { observedHealth: "DOWN" }, select: { id: true, pool: { select: { serviceId: true } } } });
  for (const i of down) {
    await createManualFault(db, CTX, { serviceId: i.pool.serviceId, instanceId: i.id, type: "TIMEOUT", severity: "SEV3", cause: "bench" });
  }
  const times: number[] = [];
  let text = "";
  for (let i = 0; i < cli.scrapes + 2; i++) {
    const t0 = performance.now();
    text = (await renderMetrics(db)).text;
    if (i >= 2) times.push(performance.now() - t0); // two warm-up scrapes
  }
  const s = summarize(times);
  const series = text.split("\n").filter((l) => l && !l.startsWith("#")).length;
  console.log(`bench:metrics — ${machine}
fleet: ${cli.services} services × ${cli.perService} = ${cli.services * cli.perService} instances, ${down.length} DOWN with open faults

| measure | p50 | p95 | max |
| --- | --- | --- | --- |
| scrape (database reads + exposition), ${cli.scrapes} scrapes (goal p95 < ${GOAL_MS} ms: **${s.p95 < GOAL_MS ? "pass" : "miss"}**) | ${s.p50.toFixed(0)} ms | ${s.p95.toFixed(0)} ms | ${s.max.toFixed(0)} ms |

exposition: ${series} series, ${(text.length / 1024).toFixed(0)} KiB`);
}

runBench("metrics", HELP, parseCli, run);
