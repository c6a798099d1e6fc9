/**
 * `npm run bench:config`: the fleet file at fleet scale — plan and apply of a 1,000-instance file,
 * and how long until the poller checks the new instances. Prints its figures beside the goals;
 * never gates anything. Run `npm run bench:config -- --help`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { createBenchDatabase, startBenchCluster } from "@/dev/bench/cluster";
import { machineLine } from "@/dev/bench/machine";
import { intArg, runBench } from "@/dev/bench/run-bench";
import type { Teardown } from "@/dev/bench/teardown";
import { systemActor } from "@/lib/auth/actor";
import { createPrisma } from "@/lib/db/client";
import { applyFleetFile, planFleetFile } from "@/lib/fleet-file/apply";
import { startPoller } from "@/lib/poller/poller";

const HELP = `Usage: npm run bench:config -- [--services N] [--instances-per-pool N]

A fleet file of N services × 2 pools × M instances (default 100 × 2 × 5 = 1,000 instances, TCP
checks every 5 s against one loopback server), on an embedded PostgreSQL 18 in a temp dir with the
real poller running. Measures: plan (all new), apply (all new), the poller checking every new
instance, plan with no changes, plan and apply of a change to every instance's check.

Goals: apply < 5 s, plan < 2 s (this machine kind). The exit code is 0 whatever the figures.`;

const GOAL_APPLY_MS = 5000;
const GOAL_PLAN_MS = 2000;

function parseCli() {
  const { values } = parseArgs({
    options: {
      services: { type: "string", default: "100" },
      "instances-per-pool": { type: "string", default: "5" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    help: values.help,
    services: intArg("services", values.services, 1, 2000),
    perPool: intArg("instances-per-pool", values["instances-per-pool"], 1, 50),
  };
}

function fleetFile(services: number, perPool: number, port: number, path: string): string {
  return stringify({
    version: 1,
    services: Array.from({ length: services }, (_, s) => ({
      name: `svc-${s}`,
      owner: `team-${s % 10}`,
      pools: ["a", "b"].map((p, pi) => ({
        name: `svc-${s}-${p}`,
        role: pi === 0 ? "ACTIVE" : "STANDBY",
        instances: Array.from({ length: perPool }, (_, i) => ({
          name: `svc-${s}-${p}-${i}`,
          address: `127.0.0.1:${port}`,
          check: { kind: "TCP", intervalMs: 5000, timeoutMs: 1000, path },
        })),
      })),
    })),
  });
}

const ms = (t0: number) => Math.round(performance.now() - t0);
const verdict = (v: number, goal: number) => `${v} ms (goal < ${goal} ms: ${v < goal ? "PASS" : "MISS"})`;

async function run(cli: ReturnType<typeof parseCli>, teardown: Teardown): Promise<void> {
  const machine = machineLine();
  const cluster = await startBenchCluster("config", teardown);
  const { url } = await createBenchDatabase(cluster, "config");
  const db = createPrisma(url, 8);
  teardown.add("bench DB client", () => db.$disconnect());
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  teardown.add("loopback server", () => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as AddressInfo).port;
  const poller = await startPoller(db, {});
  teardown.add("poller", () => poller.stop());
  const ctx = { actor: systemActor(), requestId: null, clientIp: null };
  const total = cli.services * 2 * cli.perPool;
  const file = fleetFile(cli.services, cli.perPool, port, "/");

  let t = performance.now();
  const planned = await planFleetFile(db, ctx, file, { prune: false });
  const planNew = ms(t);
  t = performance.now();
  await applyFleetFile(db, ctx, file, { prune: false, expectedVersion: planned.version, reason: "bench" });
  const applyNew = ms(t);
  const appliedAt = Date.now();
  let pickupMs = -1;
  while (Date.now() - appliedAt < 60_000) {
    const checked = await db.checkResult.groupBy({ by: ["instanceId"] });
    if (checked.length >= total) {
      pickupMs = Date.now() - appliedAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  t = performance.now();
  const same = await planFleetFile(db, ctx, file, { prune: false });
  const planSame = ms(t);
  const changed = fleetFile(cli.services, cli.perPool, port, "/ready");
  t = performance.now();
  const planChange = await planFleetFile(db, ctx, changed, { prune: false });
  const planChanged = ms(t);
  t = performance.now();
  await applyFleetFile(db, ctx, changed, { prune: false, expectedVersion: planChange.version, reason: "bench" });
  const applyChanged = ms(t);

  console.log(`bench:config — ${machine}
fleet file: ${cli.services} services × 2 pools × ${cli.perPool} instances = ${total} instances, ${Math.round(file.length / 1024)} KiB YAML

| step | changes | time |
| --- | --- | --- |
| plan, empty fleet | ${planned.changes.length} | ${verdict(planNew, GOAL_PLAN_MS)} |
| apply, empty fleet (one transaction) | ${planned.changes.length} | ${verdict(applyNew, GOAL_APPLY_MS)} |
| poller checks every new instance | ${total} | ${pickupMs < 0 ? "not within 60 s" : `${(pickupMs / 1000).toFixed(1)} s after the apply (refresh every 5 s, then each instance's first check)`} |
| plan, no changes | ${same.changes.length} | ${verdict(planSame, GOAL_PLAN_MS)} |
| plan, every instance's check changed | ${planChange.changes.length} | ${verdict(planChanged, GOAL_PLAN_MS)} |
| apply, every instance's check changed | ${planChange.changes.length} | ${verdict(applyChanged, GOAL_APPLY_MS)} |`);
}

runBench("config", HELP, parseCli, run);
