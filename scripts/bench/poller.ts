/**
 * `npm run bench:poller`: the real poller against 1,000 / 5,000 / 10,000 instances on an embedded
 * PostgreSQL — checks/s, schedule lag, CPU, memory and bytes written. The instances are spread over
 * a few loopback HTTP servers in a child process (not one server each), so the CPU and RSS printed
 * are the poller's own. Prints its figures and settings; never gates. `-- --help` for options.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { createBenchDatabase, dropBenchDatabase, startBenchCluster, type BenchCluster } from "@/dev/bench/cluster";
import { withClient } from "@/lib/db/with-client";
import { machineLine, postmasterPid, processCpuSeconds, runQueueWaitSeconds, treeCpuSeconds } from "@/dev/bench/machine";
import { markdownTable, megabytes } from "@/dev/bench/stats";
import { intArg, runBench } from "@/dev/bench/run-bench";
import { describeCounts, Teardown } from "@/dev/bench/teardown";
import { createPrisma } from "@/lib/db/client";
import { DEFAULT_POLLER_OPTIONS, startPoller, type PollerFigures } from "@/lib/poller/poller";
import { stopChild } from "@/dev/process/child";

const HELP = `Usage: npm run bench:poller -- [options]

Runs the real poller (lib/poller) on an embedded PostgreSQL 18 against N instances spread over a
few loopback HTTP servers (a child process), one fleet size after another, each in a fresh
database: a warm-up (one interval, and until every instance is UP in the database), then a
measured window. With --sizes 1000,5000,10000 and --seconds 60 it takes about 4 minutes.

Options:
  --sizes LIST        fleet sizes (default 1000,5000,10000)
  --seconds N         measured window per size, after the warm-up (default 60; 20 for a quick run)
  --interval MS       check interval of every instance (default 10000)
  --concurrency N     poller concurrency (default ${DEFAULT_POLLER_OPTIONS.concurrency}, the poller's default)
  --ports N           loopback HTTP servers the instances are spread over (default 100)
  --connection-close  servers answer "Connection: close": a new TCP connection per check, as in
                      production when the interval exceeds the keep-alive timeout (4 s)
  --refresh-ms MS     poller instance-list refresh period (default ${DEFAULT_POLLER_OPTIONS.refreshMs}, the poller's default)
  --cold              seed instances with health UNKNOWN (a first start: every instance goes
                      UNKNOWN → UP, one transaction each) instead of UP (a restart over a known fleet)
  --settle-timeout S  longest wait, after the first interval, for every instance to be UP in the
                      database before measuring (default 6 intervals + 30 s)
  --cpu-profile DIR   write a V8 CPU profile of each measured window to DIR/poller-<size>.cpuprofile
                      (open in Chrome DevTools; profiling itself costs some CPU)
  -h, --help          show this help

Goal printed next to the table: 10,000 instances with lag p99 < 500 ms and peak RSS < 1 GB.`;

const GOAL_LAG_P99_MS = 500;
const GOAL_RSS_BYTES = 1e9;
const INSTANCES_PER_SERVICE = 100;
const SEED_BATCH = 5_000;
/** As the worker (scripts/worker.ts) opens it. */
const POLLER_DB_POOL = 8;

type Cli = ReturnType<typeof parseCli>;

function parseCli() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,5000,10000" },
      seconds: { type: "string", default: "60" },
      interval: { type: "string", default: "10000" },
      concurrency: { type: "string", default: String(DEFAULT_POLLER_OPTIONS.concurrency) },
      ports: { type: "string", default: "100" },
      "connection-close": { type: "boolean", default: false },
      "cpu-profile": { type: "string" },
      "settle-timeout": { type: "string" },
      "refresh-ms": { type: "string", default: String(DEFAULT_POLLER_OPTIONS.refreshMs) },
      cold: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  return {
    help: values.help,
    sizes: values.sizes.split(",").map((s) => intArg("sizes", s.trim(), 1, 200_000)),
    seconds: intArg("seconds", values.seconds, 5, 3600),
    intervalMs: intArg("interval", values.interval, 1000, 600_000),
    concurrency: intArg("concurrency", values.concurrency, 1, 100_000),
    ports: intArg("ports", values.ports, 1, 1000),
    connectionClose: values["connection-close"],
    refreshMs: intArg("refresh-ms", values["refresh-ms"], 100, 86_400_000),
    cold: values.cold,
    settleTimeoutMs: values["settle-timeout"] === undefined ? undefined : intArg("settle-timeout", values["settle-timeout"], 0, 3600) * 1000,
    cpuProfileDir: values["cpu-profile"] ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values["cpu-profile"]) : undefined,
  };
}

interface Result {
  size: number;
  /** From the poller's start until every instance's health was UP in the database. */
  allUpMs: number | null;
  warnings: string[];
  walByRelation: Array<{ relation: string; bytes: number }>;
  seedMs: number;
  startMs: number;
  stopMs: number;
  windowS: number;
  rows: number;
  failedChecks: number;
  end: PollerFigures;
  worstP99: number;
  cpuPct: number;
  /** Share of the window the poller's main thread was runnable but waiting for a CPU. */
  runQueuePct: number;
  pgCpuPct: number;
  serversCpuPct: number;
  peakRss: number;
  peakHeap: number;
  loopP99Ms: number;
  loopMaxMs: number;
  walBytes: number;
  walFpi: number;
  walRecords: number;
  checkResultBytes: number;
  checkRollupBytes: number;
  instanceBytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(cli: Cli, teardown: Teardown, warnings: Map<string, number>): Promise<void> {
  const machine = machineLine();
  const started = Date.now();
  const servers = await startHealthServers(cli.ports, cli.connectionClose, teardown);
  const cluster = await startBenchCluster("poller", teardown);
  const pmPid = postmasterPid(cluster.pgDir);
  const settings = await withClient(cluster.adminUrl, async (c) => {
    const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','checkpoint_timeout','max_wal_size','synchronous_commit','fsync','wal_compression','full_page_writes')`,
    );
    return rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ""}`).join(", ");
  });

  console.log(`bench:poller — sizes ${cli.sizes.join(", ")}; ${cli.seconds} s measured per size after a ${cli.intervalMs / 1000} s warm-up`);
  const results: Result[] = [];
  for (const size of cli.sizes) {
    warnings.clear();
    const r = await runSize(size, cli, cluster, pmPid, servers, teardown);
    r.warnings = describeCounts(warnings);
    results.push(r);
  }

  const expected = (size: number) => size / (cli.intervalMs / 1000);
  const perDay = 86_400_000 / cli.intervalMs;
  const table = markdownTable(
    ["size", "checks/s", "expected", "lag p50", "lag p99", "CPU %", "peak RSS", "WAL MB/h", "CheckResult bytes/instance/day"],
    results.map((r) => [
      r.size.toLocaleString("en-US"),
      (r.rows / r.windowS).toFixed(1),
      expected(r.size).toFixed(1),
      `${r.end.lagP50Ms} ms`,
      `${r.end.lagP99Ms} ms`,
      r.cpuPct.toFixed(1),
      megabytes(r.peakRss),
      (((r.walBytes / r.windowS) * 3600) / 1e6).toFixed(0),
      r.rows ? Math.round((r.checkResultBytes / r.rows) * perDay).toLocaleString("en-US") : "–",
    ]),
  );
  const extras = markdownTable(
    [
      "size",
      "worst lag p99 (5 s samples)",
      "event-loop delay p99 / max",
      "main thread waiting for a CPU",
      "PG CPU %",
      "servers CPU %",
      "peak heap",
      "failed checks",
      "WAL bytes/check",
      "FPI share of WAL records",
      "CheckResult / CheckRollup / Instance growth MB/h",
      "seed / start / stop",
    ],
    results.map((r) => [
      r.size.toLocaleString("en-US"),
      `${r.worstP99} ms`,
      `${r.loopP99Ms.toFixed(0)} / ${r.loopMaxMs.toFixed(0)} ms`,
      `${r.runQueuePct.toFixed(1)} %`,
      r.pgCpuPct.toFixed(1),
      r.serversCpuPct.toFixed(1),
      megabytes(r.peakHeap),
      `${r.failedChecks} of ${r.rows}`,
      r.rows ? Math.round(r.walBytes / r.rows).toLocaleString("en-US") : "–",
      r.walRecords ? `${((r.walFpi / r.walRecords) * 100).toFixed(1)} %` : "–",
      [r.checkResultBytes, r.checkRollupBytes, r.instanceBytes].map((b) => (((b / r.windowS) * 3600) / 1e6).toFixed(0)).join(" / "),
      `${(r.seedMs / 1000).toFixed(1)} / ${(r.startMs / 1000).toFixed(1)} / ${(r.stopMs / 1000).toFixed(1)} s`,
    ]),
  );

  const goalRow = results.find((r) => r.size === 10_000);
  const goal = goalRow
    ? `${goalRow.end.lagP99Ms < GOAL_LAG_P99_MS && goalRow.worstP99 < GOAL_LAG_P99_MS ? "lag PASS" : "lag MISS"} (p99 ${goalRow.end.lagP99Ms} ms at the end, worst 5 s sample ${goalRow.worstP99} ms), ` +
      `${goalRow.peakRss < GOAL_RSS_BYTES ? "RSS PASS" : "RSS MISS"} (peak ${megabytes(goalRow.peakRss)})`
    : "not measured (no 10,000 size in --sizes)";

  console.log(`
## bench:poller

Settings: check interval ${cli.intervalMs} ms (jitter ±5 %), timeout 2000 ms (default), HTTP GET /healthz?i=N expecting 200;
poller concurrency ${cli.concurrency}, refresh ${cli.refreshMs} ms, writer flush 1 s / batch 2000, Prisma pool ${POLLER_DB_POOL};
instances spread over ${cli.ports} loopback HTTP servers (${cli.connectionClose ? "Connection: close — a new TCP connection per check" : "keep-alive"}) in a child process, ${INSTANCES_PER_SERVICE} instances per service (one ACTIVE pool each);
${cli.cold ? "cold start: instances seeded UNKNOWN (each goes UNKNOWN → UP: one transition transaction each)" : "restart over a known fleet: instances seeded UP (no transition unless a check fails)"};
warm-up ${cli.intervalMs / 1000} s and until every instance is UP in the database, measured window ${cli.seconds} s per size, fresh database per size, CHECKPOINT at the start of each window.
PostgreSQL ${cluster.version} embedded (${settings}).
Machine: ${machine}; load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}. Total run ${Math.round((Date.now() - started) / 1000)} s.

${table}

Goal — 10,000 instances with lag p99 < ${GOAL_LAG_P99_MS} ms and RSS < 1 GB: ${goal}

checks/s: rows written to CheckResult with \`at\` inside the window ÷ window. Lag = check start − due time, p50/p99 from
poller.figures() at the end of the window (its rolling sample of the last 20,000 checks). CPU %: process.cpuUsage() of the
poller process ÷ wall time (100 % = one core; ${availableParallelism()} cores here); the HTTP servers run in a child process and
PostgreSQL in its own, both shown below. Peak RSS: process.memoryUsage().rss sampled every second from the start of the
size until the poller stopped (the process also holds what earlier sizes left). WAL MB/h: pg_wal_lsn_diff over the window,
scaled to an hour (the window starts at a CHECKPOINT, so it includes the full-page images that follow one — a long-run
average with checkpoint_timeout=5 min is lower). CheckResult bytes/instance/day: growth of pg_total_relation_size
(table + indexes) per row written × ${perDay.toLocaleString("en-US")} checks a day.

${extras}

Warm-up: from the poller's start until every instance was UP in the database — ${results.map((r) => `${r.size.toLocaleString("en-US")}: ${r.allUpMs === null ? "not reached" : `${(r.allUpMs / 1000).toFixed(1)} s`}`).join(", ")}.
WAL by relation in the window (MB/h; pg_walinspect, a record is counted for every relation it touches):
${results.map((r) => `  ${r.size.toLocaleString("en-US")}: ${r.walByRelation.map((w) => `${w.relation} ${(((w.bytes / r.windowS) * 3600) / 1e6).toFixed(0)}`).join(", ")}`).join("\n")}
App warnings (counted, not printed):
${results.map((r) => `  ${r.size.toLocaleString("en-US")}: ${r.warnings.length ? r.warnings.join("; ") : "none"}`).join("\n")}`);
}

async function runSize(
  size: number,
  cli: Cli,
  cluster: BenchCluster,
  pmPid: number,
  servers: { ports: number[]; pid: number },
  teardown: Teardown,
): Promise<Result> {
  const { url, name } = await createBenchDatabase(cluster, `poller_${size}`);
  const dropDb = teardown.add(`database ${name}`, () => dropBenchDatabase(cluster, name));
  const probe = new pg.Client({ connectionString: url });
  probe.on("error", () => undefined); // the server going away mid-teardown surfaces on the query
  await probe.connect();
  const closeProbe = teardown.add("bench DB connection", () => probe.end());

  const seedStart = Date.now();
  await seed(probe, size, cli.intervalMs, servers.ports, cli.cold ? "UNKNOWN" : "UP");
  const seedMs = Date.now() - seedStart;

  let peakRss = 0;
  let peakHeap = 0;
  const sampleMemory = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sampleMemory();
  const memTimer = setInterval(sampleMemory, 1000);

  const db = createPrisma(url, POLLER_DB_POOL);
  const disconnect = teardown.add("poller DB client", () => db.$disconnect());
  const t0 = Date.now();
  const poller = await startPoller(db, { concurrency: cli.concurrency, refreshMs: cli.refreshMs });
  const startMs = Date.now() - t0;
  const stopPoller = teardown.add("poller", () => poller.stop());
  process.stdout.write(
    `  ${size.toLocaleString("en-US")} instances: seeded in ${(seedMs / 1000).toFixed(1)} s, poller started in ${(startMs / 1000).toFixed(1)} s; warm-up…`,
  );
  // Warm-up: one interval, and until every instance is UP in the database — with rise 2 the
  // UNKNOWN → UP transitions (one transaction each) land in the second interval and would
  // otherwise be measured as steady state.
  await sleep(cli.intervalMs);
  const allUpMs = await waitAllUp(probe, size, t0, cli.settleTimeoutMs ?? cli.intervalMs * 6 + 30_000);
  process.stdout.write(allUpMs === null ? " (not all UP in time)" : ` all UP ${(allUpMs / 1000).toFixed(1)} s after start;`);

  await probe.query("CHECKPOINT");
  const before = await dbSnapshot(probe);
  const walStart = await currentLsn(probe);
  const profiler = cli.cpuProfileDir ? await startProfile() : undefined;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const wallStart = Date.now();
  const cpuStart = process.cpuUsage();
  const waitStart = runQueueWaitSeconds();
  const pgCpuStart = treeCpuSeconds(pmPid);
  const srvCpuStart = processCpuSeconds(servers.pid);
  let worstP99 = 0;
  const figTimer = setInterval(() => {
    worstP99 = Math.max(worstP99, poller.figures().lagP99Ms);
  }, 5000);
  process.stdout.write(` measuring ${cli.seconds} s…`);
  await sleep(cli.seconds * 1000);

  const wallEnd = Date.now();
  const cpu = process.cpuUsage(cpuStart);
  const waited = runQueueWaitSeconds() - waitStart;
  const pgCpu = treeCpuSeconds(pmPid) - pgCpuStart;
  const srvCpu = processCpuSeconds(servers.pid) - srvCpuStart;
  loop.disable();
  clearInterval(figTimer);
  const end = poller.figures();
  worstP99 = Math.max(worstP99, end.lagP99Ms);
  if (profiler) await profiler.stop(path.join(cli.cpuProfileDir!, `poller-${size}.cpuprofile`));
  const after = await dbSnapshot(probe);
  const walByRelation = await walPerRelation(probe, walStart, await currentLsn(probe));
  const windowS = (wallEnd - wallStart) / 1000;

  const s0 = Date.now();
  stopPoller();
  await poller.stop();
  const stopMs = Date.now() - s0;
  clearInterval(memTimer);
  sampleMemory();
  disconnect();
  await db.$disconnect();

  // The poller's final flush has written everything checked inside the window.
  const { rows } = await probe.query<{ n: string; failed: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE NOT ok) AS failed FROM "CheckResult" WHERE "at" >= $1 AND "at" < $2`,
    [new Date(wallStart), new Date(wallEnd)],
  );
  closeProbe();
  await probe.end();
  dropDb();
  await dropBenchDatabase(cluster, name);
  console.log(` done (checks/s ${(Number(rows[0]!.n) / windowS).toFixed(1)}, lag p99 ${end.lagP99Ms} ms)`);

  return {
    size,
    allUpMs,
    warnings: [],
    walByRelation,
    seedMs,
    startMs,
    stopMs,
    windowS,
    rows: Number(rows[0]!.n),
    failedChecks: Number(rows[0]!.failed),
    end,
    worstP99,
    cpuPct: ((cpu.user + cpu.system) / 1000 / (wallEnd - wallStart)) * 100,
    runQueuePct: (waited / ((wallEnd - wallStart) / 1000)) * 100,
    pgCpuPct: (pgCpu / windowS) * 100,
    serversCpuPct: (srvCpu / windowS) * 100,
    peakRss,
    peakHeap,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    walBytes: Number(after.lsnBytes - before.lsnBytes),
    walFpi: after.fpi - before.fpi,
    walRecords: after.records - before.records,
    checkResultBytes: after.checkResult - before.checkResult,
    checkRollupBytes: after.checkRollup - before.checkRollup,
    instanceBytes: after.instance - before.instance,
  };
}

/** Polls until every instance is UP in the database; ms since `since`, or null after `timeoutMs`. */
async function waitAllUp(c: pg.Client, size: number, since: number, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "Instance" WHERE "observedHealth" = 'UP'`);
    if (Number(rows[0]!.n) >= size) return Date.now() - since;
    await sleep(500);
  }
  return null;
}

async function currentLsn(c: pg.Client): Promise<string> {
  return (await c.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;
}

/**
 * WAL written in [from, to) per relation (pg_walinspect): record bytes attributed to each block a
 * record touches (a record touching two relations counts for both), full-page images included.
 */
async function walPerRelation(c: pg.Client, from: string, to: string): Promise<Array<{ relation: string; bytes: number }>> {
  await c.query("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
  const { rows } = await c.query<{ relation: string; bytes: string }>(
    `SELECT coalesce(cl.relname, 'relfilenode ' || b.relfilenode::text) AS relation, sum(b.record_length)::text AS bytes
       FROM pg_get_wal_block_info($1::pg_lsn, $2::pg_lsn) b
       LEFT JOIN pg_class cl ON cl.relfilenode = b.relfilenode AND b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
      GROUP BY 1 ORDER BY sum(b.record_length) DESC LIMIT 8`,
    [from, to],
  );
  return rows.map((r) => ({ relation: r.relation, bytes: Number(r.bytes) }));
}

/** Services (one ACTIVE pool each) and `size` instances, in multi-row INSERTs. */
async function seed(c: pg.Client, size: number, intervalMs: number, ports: number[], health: "UNKNOWN" | "UP"): Promise<void> {
  const services = Math.ceil(size / INSTANCES_PER_SERVICE);
  const serviceIds = Array.from({ length: services }, () => crypto.randomUUID());
  const poolIds = Array.from({ length: services }, () => crypto.randomUUID());
  await c.query(`INSERT INTO "Service" ("id","name","updatedAt") SELECT id, name, now() FROM unnest($1::uuid[], $2::text[]) AS t(id, name)`, [
    serviceIds,
    serviceIds.map((_, i) => `svc-${i + 1}`),
  ]);
  await c.query(
    `INSERT INTO "Pool" ("id","serviceId","name","role","updatedAt") SELECT id, sid, name, 'ACTIVE', now() FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(id, sid, name)`,
    [poolIds, serviceIds, serviceIds.map((_, i) => `svc-${i + 1}-a`)],
  );
  for (let from = 0; from < size; from += SEED_BATCH) {
    const n = Math.min(SEED_BATCH, size - from);
    const idx = Array.from({ length: n }, (_, k) => from + k);
    await c.query(
      `INSERT INTO "Instance" ("id","poolId","name","address","checkPath","checkIntervalMs","observedHealth","observedHealthAt","updatedAt")
       SELECT id, pool, name, address, path, $6, $7::"HealthState", CASE WHEN $7 = 'UP' THEN now() END, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(id, pool, name, address, path)`,
      [
        idx.map(() => crypto.randomUUID()),
        idx.map((i) => poolIds[Math.floor(i / INSTANCES_PER_SERVICE)]!),
        idx.map((i) => `inst-${i + 1}`),
        // Neighbouring instances sit on different servers, like a pool spread over hosts.
        idx.map((i) => `127.0.0.1:${ports[i % ports.length]!}`),
        idx.map((i) => `/healthz?i=${i + 1}`),
        intervalMs,
        health,
      ],
    );
  }
  await c.query(`ANALYZE "Service", "Pool", "Instance"`);
}

interface DbSnapshot {
  lsnBytes: bigint;
  fpi: number;
  records: number;
  checkResult: number;
  checkRollup: number;
  instance: number;
}

async function dbSnapshot(c: pg.Client): Promise<DbSnapshot> {
  const { rows } = await c.query<{ lsn: string; fpi: string; records: string; cr: string; ru: string; inst: string }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS lsn, w.wal_fpi::text AS fpi, w.wal_records::text AS records,
            pg_total_relation_size('"CheckResult"')::text AS cr, pg_total_relation_size('"CheckRollup"')::text AS ru,
            pg_total_relation_size('"Instance"')::text AS inst
       FROM pg_stat_wal w`,
  );
  const r = rows[0]!;
  return {
    lsnBytes: BigInt(r.lsn.split(".")[0]!),
    fpi: Number(r.fpi),
    records: Number(r.records),
    checkResult: Number(r.cr),
    checkRollup: Number(r.ru),
    instance: Number(r.inst),
  };
}

/** A V8 CPU profile of this process from now until `stop(file)`. */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await session.post("Profiler.stop");
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** The loopback HTTP servers, in a child process (its CPU and memory are not the poller's). */
async function startHealthServers(count: number, connectionClose: boolean, teardown: Teardown): Promise<{ ports: number[]; pid: number }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "health-servers.ts");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, String(count), ...(connectionClose ? ["--close"] : [])], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  teardown.atExit(() => child.kill("SIGKILL"));
  teardown.add("HTTP servers", () => stopChild(child, "SIGTERM", 5_000));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the HTTP server process exited (code ${code}) before listening`)));
  });
  const { ports } = JSON.parse(line) as { ports: number[] };
  return { ports, pid: child.pid! };
}

runBench("poller", HELP, parseCli, run, { printsWarnings: true });
