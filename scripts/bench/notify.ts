/**
 * `npm run bench:notify`: how fast a fault reaches a webhook, and how fast a backlog drains.
 * Prints its figures beside the goals; never gates anything. Run `npm run bench:notify -- --help`.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createBenchDatabase, startBenchCluster } from "@/dev/bench/cluster";
import { machineLine } from "@/dev/bench/machine";
import { intArg, runBench } from "@/dev/bench/run-bench";
import { seconds, summarize } from "@/dev/bench/stats";
import type { Teardown } from "@/dev/bench/teardown";
import { systemActor } from "@/lib/auth/actor";
import { createPrisma, type Db } from "@/lib/db/client";
import { createManualFault } from "@/lib/faults/update-fault";
import { createChannel } from "@/lib/notifications/channels";
import { startNotifier } from "@/lib/notifications/notifier";
import { createRoute } from "@/lib/notifications/routes";

const HELP = `Usage: npm run bench:notify -- [--trials N] [--backlog N]

On an embedded PostgreSQL 18 in a temp dir, with the notification dispatcher as the server runs
it (default settings: polls every 200 ms, 8 sends in flight) and a loopback HTTP receiver:
  1. latency: a SEV1 fault recorded (its transaction committed) → the signed webhook received,
     over --trials faults one at a time (default 20);
  2. throughput: --backlog faults queued while the dispatcher is stopped (default 1,000), then
     the time until every one is delivered (messages/s).

Goal: latency p95 < 1 s. The exit code is 0 whatever the figures.`;

const GOAL_P95_MS = 1000;

function parseCli() {
  const { values } = parseArgs({
    options: { trials: { type: "string", default: "20" }, backlog: { type: "string", default: "1000" }, help: { type: "boolean", short: "h", default: false } },
  });
  return { help: values.help, trials: intArg("trials", values.trials, 1, 1000), backlog: intArg("backlog", values.backlog, 1, 100_000) };
}

const CTX = { actor: systemActor(), requestId: null, clientIp: null };
const config = {
  consoleUrl: "http://127.0.0.1:3000",
  pollMs: 200,
  groupWaitMs: 10_000,
  retryBaseMs: 2_000,
  retryMaxMs: 300_000,
  giveUpMs: 86_400_000,
  leaseGraceMs: 5_000,
  driftAfterMs: 300_000,
};

async function setup(db: Db, url: string, serviceId: string) {
  const channel = await createChannel(db, CTX, {
    kind: "WEBHOOK",
    name: "bench-hook",
    ratePerMinute: 10_000,
    secrets: { url, signingSecret: "bench-signing-secret" },
  });
  await createRoute(db, CTX, { name: "bench-route", channelId: channel.id, serviceId, events: ["FAULT_OPENED"] });
}

async function run(cli: ReturnType<typeof parseCli>, teardown: Teardown): Promise<void> {
  // Channel secrets are sealed with this process's key (never a key file in the working tree).
  process.env.FAULTLINE_SECRET_KEY ??= crypto.randomBytes(32).toString("hex");
  const machine = machineLine();
  const cluster = await startBenchCluster("notify", teardown);
  const { url } = await createBenchDatabase(cluster, "notify");
  const db = createPrisma(url, 8);
  teardown.add("bench DB client", () => db.$disconnect());

  const received = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const key = (JSON.parse(body) as { fault: { id: string } }).fault.id;
      received.set(key, performance.now());
      waiters.get(key)?.();
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  teardown.add("receiver", () => new Promise<void>((r) => server.close(() => r())));
  const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const service = await db.service.create({ data: { name: "bench-svc" } });
  await setup(db, hook, service.id);

  // 1. Latency, one fault at a time.
  let stop = startNotifier(db, config);
  const latencies: number[] = [];
  for (let i = 0; i < cli.trials; i++) {
    const fault = await createManualFault(db, CTX, { serviceId: service.id, type: "MANUAL", severity: "SEV1", cause: `bench fault ${i}` });
    const committed = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fault ${i} not received within 10 s`)), 10_000);
      waiters.set(fault.id, () => {
        clearTimeout(timer);
        resolve();
      });
      if (received.has(fault.id)) waiters.get(fault.id)!();
    });
    latencies.push(received.get(fault.id)! - committed);
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
  await stop();

  // 2. Throughput: a backlog queued with the dispatcher stopped.
  received.clear();
  const t0 = performance.now();
  for (let i = 0; i < cli.backlog; i++) {
    await createManualFault(db, CTX, { serviceId: service.id, type: "MANUAL", severity: "SEV2", cause: `backlog ${i}` });
  }
  const queuedMs = performance.now() - t0;
  const started = performance.now();
  stop = startNotifier(db, config);
  teardown.add("notifier", () => stop());
  while (received.size < cli.backlog && performance.now() - started < 300_000) await new Promise((r) => setTimeout(r, 50));
  const drainMs = performance.now() - started;
  await stop();
  const s = summarize(latencies);

  console.log(`bench:notify — ${machine}

| measure | p50 | p95 | max |
| --- | --- | --- | --- |
| fault committed → webhook received, ${cli.trials} trials (goal p95 < ${GOAL_P95_MS} ms: **${s.p95 < GOAL_P95_MS ? "pass" : "miss"}**) | ${seconds(s.p50)} | ${seconds(s.p95)} | ${seconds(s.max)} |

backlog: ${cli.backlog} faults queued in ${seconds(queuedMs)}; ${received.size} delivered in ${seconds(drainMs)} → ${((received.size / drainMs) * 1000).toFixed(0)} messages/s (routing, claiming, rendering, signing, one HTTP POST and its log row each; 8 in flight)`);
}

runBench("notify", HELP, parseCli, run);
