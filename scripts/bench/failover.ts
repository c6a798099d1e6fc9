/**
 * `npm run bench:failover`: requests lost and time to move traffic when a failover is triggered
 * through the API under load, and what a hard-killed instance costs. Real parts only: the fleet
 * simulator behind our own HAProxy, embedded PostgreSQL 18, the real poller and balancer
 * observer, the failover route handler. Prints figures; never gates (exit 0). `-- --help`.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { POST as failoverPost } from "@/app/api/v1/services/[id]/failover/route";
import { POST as failbackPost } from "@/app/api/v1/services/[id]/failback/route";
import { newTokenSecret } from "@/lib/auth/tokens";
import { startBalancerObserver } from "@/lib/balancer/observer";
import { createBenchDatabase, startBenchCluster } from "@/dev/bench/cluster";
import { startHaproxyFleet, type HaproxyFleet } from "@/dev/bench/haproxy-fleet";
import { machineLine } from "@/dev/bench/machine";
import { markdownTable, seconds, summarize } from "@/dev/bench/stats";
import { intArg, runBench } from "@/dev/bench/run-bench";
import type { Teardown } from "@/dev/bench/teardown";
import { createPrisma, db as appDb } from "@/lib/db/client";
import { seedFleet } from "@/dev/demo/seed";
import { startPoller } from "@/lib/poller/poller";

const HELP = `Usage: npm run bench:failover -- [--runs N] [--seconds S] [--connections C]

Part 1 — failover under load: autocannon sends requests through HAProxy (loopback, C
connections, S seconds per run) while, 3 s into each run, a failover (odd runs) or fail-back
(even runs) is started through the API (POST /api/v1/services/:id/failover|failback, operator
token). A sampler requests the frontend back to back and records which pool answered.
Prints per run: requests sent, failed (non-2xx or errors; goal 0), API call → verified, and API
call → 100 % of traffic on the target pool (goal p95 < 1 s).

Part 2 — hard kill under load: one active instance's listener is closed and its connections
dropped (the simulator's "refuse" mode) during a run; prints failed requests and the time until
its fault row exists (HAProxy's observation or the poller, whichever is first).

Options:
  --runs N         failover runs (default 6, at least 5 for a p95)
  --seconds S      load per run (default 10)
  --connections C  autocannon connections (default 8)
  -h, --help       show this help

HAProxy: the demo's generated config (retries 3, redispatch, observe layer7, checks every 1 s,
fall 2 / rise 2, allbackups); 3 instances per pool. Poller: checks every 1 s, fall 2.`;

const PER_POOL = 3;

function parseCli() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "6" },
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "8" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    help: values.help,
    runs: intArg("runs", values.runs, 1, 50),
    seconds: intArg("seconds", values.seconds, 5, 120),
    connections: intArg("connections", values.connections, 1, 64),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Back-to-back requests through HAProxy, recording when each started and which instance answered. */
function startSampler(frontend: string) {
  const samples: Array<{ at: number; by: string }> = [];
  let stop = false;
  const done = (async () => {
    while (!stop) {
      const at = Date.now();
      try {
        const res = await fetch(frontend);
        samples.push({ at, by: res.ok ? (await res.text()).trim() : `HTTP ${res.status}` });
      } catch {
        samples.push({ at, by: "error" });
      }
    }
  })();
  return {
    samples,
    async stop() {
      stop = true;
      await done;
    },
  };
}

/** Start of the first sample after which every answer came from `target` (pool prefix). */
function switchedAt(samples: Array<{ at: number; by: string }>, from: number, targetPrefix: string): number | null {
  let candidate: number | null = null;
  for (const s of samples) {
    if (s.at < from) continue;
    if (s.by.startsWith(targetPrefix)) candidate ??= s.at;
    else candidate = null;
  }
  return candidate;
}

function load(url: string, seconds: number, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, duration: seconds, connections }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function run(cli: ReturnType<typeof parseCli>, teardown: Teardown): Promise<void> {
  const machine = machineLine();
  const cluster = await startBenchCluster("failover", teardown);
  const { url } = await createBenchDatabase(cluster, "failover");
  process.env.FAULTLINE_DATABASE_URL = url; // the route handlers use the process-wide client
  teardown.add("app DB client", () => appDb().$disconnect());
  const db = createPrisma(url, 4);
  teardown.add("bench DB client", () => db.$disconnect());
  const pollerDb = createPrisma(url, 8);
  teardown.add("poller DB client", () => pollerDb.$disconnect());

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "faultline-bench-hx-"));
  teardown.add("HAProxy dir", () => fs.rm(dir, { recursive: true, force: true }));
  const hx: HaproxyFleet = await startHaproxyFleet(dir, { checkInterMs: 1000, perPool: PER_POOL });
  teardown.add("HAProxy + fleet", () => hx.stop());
  await seedFleet(db, hx.spec, { name: "bench-lb", runtimeApi: `unix:${hx.socket}`, serverStateFile: hx.serverStateFile });
  await db.instance.updateMany({ data: { checkIntervalMs: 1000, checkTimeoutMs: 500, checkFall: 2, checkRise: 2 } });
  const service = await db.service.findUniqueOrThrow({ where: { name: "shop" } });
  const { secret, hash, prefix } = newTokenSecret();
  await db.apiToken.create({ data: { name: "bench-operator", role: "OPERATOR", prefix, secretHash: hash, createdBy: "bench" } });

  const poller = await startPoller(pollerDb, {});
  teardown.add("poller", () => poller.stop());
  const observer = startBalancerObserver(pollerDb, { intervalMs: 1000 });
  teardown.add("observer", () => observer.stop());
  for (let i = 0; i < 150 && (await db.instance.count({ where: { observedHealth: "UP" } })) < 2 * PER_POOL; i++) await sleep(100);

  const callApi = async (kind: "failover" | "failback", reason: string) => {
    const handler = kind === "failover" ? failoverPost : failbackPost;
    const req = new Request(`http://127.0.0.1/api/v1/services/${service.id}/${kind}`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ reason }),
    });
    const res = await handler(req, { params: Promise.resolve({ id: service.id }) });
    const body = (await res.json()) as { id?: string; error?: { message: string } };
    if (res.status !== 202 || !body.id) throw new Error(`${kind}: HTTP ${res.status} ${body.error?.message ?? ""}`);
    return body.id;
  };

  console.log(`bench:failover — ${cli.runs} runs × ${cli.seconds} s, ${cli.connections} connections, ${PER_POOL} instances per pool`);
  const rows: string[][] = [];
  const toTarget: number[] = [];
  const toVerified: number[] = [];
  let totalSent = 0;
  let totalFailed = 0;
  for (let n = 1; n <= cli.runs && !teardown.stopping; n++) {
    const kind = n % 2 === 1 ? "failover" : "failback";
    const target = kind === "failover" ? "b-" : "a-";
    const sampler = startSampler(hx.frontend);
    const loadDone = load(hx.frontend, cli.seconds, cli.connections);
    await sleep(3_000);
    const calledAt = Date.now();
    const id = await callApi(kind, `bench run ${n}`);
    let state = "PENDING";
    let verifiedAt = Number.NaN;
    while (["PENDING", "APPLYING"].includes(state)) {
      await sleep(20);
      const f = await db.failover.findUniqueOrThrow({ where: { id } });
      state = f.state;
      if (f.finishedAt) verifiedAt = f.finishedAt.getTime();
    }
    const result = await loadDone;
    await sampler.stop();
    const switched = switchedAt(sampler.samples, calledAt, target);
    const failed = result.errors + result.non2xx + sampler.samples.filter((s) => !/^[ab]-/.test(s.by)).length;
    const sent = result.requests.sent + sampler.samples.length;
    totalSent += sent;
    totalFailed += failed;
    if (switched !== null) toTarget.push(Math.max(0, switched - calledAt));
    if (state === "VERIFIED") toVerified.push(verifiedAt - calledAt);
    rows.push([
      String(n),
      kind,
      state,
      String(sent),
      String(failed),
      seconds(verifiedAt - calledAt),
      switched === null ? "never" : seconds(Math.max(0, switched - calledAt)),
    ]);
    console.log(
      `  run ${n} ${kind.padEnd(8)} ${state.padEnd(9)} sent ${sent}  failed ${failed}  →verified ${seconds(verifiedAt - calledAt)}  →100 % on target ${switched === null ? "never" : seconds(switched - calledAt)}`,
    );
  }

  // Part 2: hard kill of an active instance under load.
  const active = (await db.pool.findFirstOrThrow({ where: { serviceId: service.id, role: "ACTIVE" }, include: { instances: { orderBy: { name: "asc" } } } }))
    .instances[0]!;
  const loadDone = load(hx.frontend, cli.seconds, cli.connections);
  await sleep(3_000);
  const killedAt = Date.now();
  await hx.fleet.setChaos(active.name, { mode: "refuse" });
  let faultAt = Number.NaN;
  let faultSource = "";
  while (Date.now() - killedAt < 15_000) {
    const f = await db.fault.findFirst({ where: { instanceId: active.id, status: { not: "RESOLVED" } } });
    if (f) {
      faultAt = Date.now();
      faultSource = f.source;
      break;
    }
    await sleep(20);
  }
  const killResult = await loadDone;
  await hx.fleet.setChaos(active.name, { mode: "up" });

  const verified = summarize(toVerified);
  const moved = summarize(toTarget);
  console.log(`
## bench:failover

Settings: ${cli.runs} runs of ${cli.seconds} s, autocannon ${cli.connections} connections + 1 back-to-back sampler, all
through HAProxy on 127.0.0.1; failover/fail-back alternate, started 3 s into each run through the
route handler (operator token); ${PER_POOL} simulated instances per pool; HAProxy checks every 1 s;
observer every 1 s; poller every 1 s; embedded PostgreSQL ${cluster.version}.
Machine: ${machine}.

${markdownTable(["run", "kind", "state", "requests sent", "failed", "API → verified", "API → 100 % on target"], rows)}

Totals: ${totalSent} requests sent, ${totalFailed} failed (goal 0: ${totalFailed === 0 ? "PASS" : "MISS"}).
API call → 100 % of traffic on the target pool: p50 ${seconds(moved.p50)}, p95 ${seconds(moved.p95)}, max ${seconds(moved.max)} over ${moved.n} runs (goal p95 < 1 s: ${moved.n >= 5 && moved.p95 < 1000 ? "PASS" : "MISS"}).
API call → failover VERIFIED: p50 ${seconds(verified.p50)}, p95 ${seconds(verified.p95)}.

Hard kill of ${active.name} under load (${cli.seconds} s): ${killResult.requests.sent} requests sent, ${killResult.errors + killResult.non2xx} failed;
fault row after ${seconds(faultAt - killedAt)} (source ${faultSource || "none"}).`);
}

runBench("failover", HELP, parseCli, run);
