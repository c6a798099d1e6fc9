import http from "node:http";
import client from "prom-client";
import type { Db } from "@/lib/db/client";
import { StartupError } from "@/lib/errors/startup-error";
import { errLine, log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { outboxStatus } from "@/lib/notifications/outbox-status";
import { currentFigures } from "@/lib/poller/figures-store";

/**
 * The Prometheus exposition: the process's own metrics (lib/metrics: checks, HAProxy commands,
 * Node's defaults) plus gauges and counters read from the database at each scrape — what the
 * fleet, the fault record and the outbox say now. Served on a loopback port of its own
 * (FAULTLINE_METRICS_PORT): no credential to hand out or rotate, nothing exposed beyond the host;
 * a remote Prometheus scrapes through an agent or tunnel on the host.
 *
 * Series count: one `faultline_instance_health` per instance, the rest bounded by services ×
 * severities × types (open faults) and small enums — about instances + 150 + 3 × services.
 */

/** Health as a number, so one series per instance says it (README lists the codes). */
const HEALTH_CODE = { UNKNOWN: 0, UP: 1, DEGRADED: 2, DOWN: 3 } as const;

function dbMetrics(registry: client.Registry) {
  const gauge = (name: string, help: string, labelNames: string[] = []) => new client.Gauge({ name, help, labelNames, registers: [registry] });
  const counter = (name: string, help: string, labelNames: string[] = []) => new client.Counter({ name, help, labelNames, registers: [registry] });
  return {
    up: gauge("faultline_database_up", "1 when the last scrape could read the database."),
    health: gauge(
      "faultline_instance_health",
      "Observed health per instance (label name: Prometheus keeps instance for the scrape target): 0 UNKNOWN, 1 UP, 2 DEGRADED, 3 DOWN.",
      ["service", "pool", "name"],
    ),
    instances: gauge("faultline_instances", "Instances by observed health and admin state.", ["health", "admin_state"]),
    openFaults: gauge("faultline_open_faults", "Unresolved faults (OPEN or ACKNOWLEDGED).", ["service", "severity", "type"]),
    opened: counter("faultline_faults_opened_total", "Faults recorded, by severity.", ["severity"]),
    resolved: counter("faultline_faults_resolved_total", "Faults resolved, by severity.", ["severity"]),
    mttr: gauge("faultline_mttr_seconds", "Mean time to resolve the faults resolved in the last 30 days, by severity.", ["severity"]),
    failovers: counter("faultline_failovers_total", "Failovers and failbacks, by kind and state.", ["kind", "state"]),
    drift: gauge("faultline_drift_instances", "Instances whose HAProxy state differs from the desired one."),
    balancers: gauge("faultline_balancer_up", "1 when the balancer's Runtime API answers.", ["balancer"]),
    audit: counter("faultline_audit_entries_total", "Audit entries written, by result.", ["result"]),
    outboxPending: gauge("faultline_notifications_pending", "Notification deliveries waiting or being sent."),
    outboxOldest: gauge("faultline_notifications_oldest_pending_seconds", "Age of the oldest pending notification delivery."),
    outboxDead: gauge("faultline_notifications_dead", "Notification deliveries given up on (DEAD)."),
    pollerRate: gauge("faultline_poller_checks_per_second", "Checks per second of the poller writing to this database."),
    pollerLag: gauge("faultline_poller_lag_seconds", "How late checks start against their schedule.", ["quantile"]),
    pollerInFlight: gauge("faultline_poller_in_flight", "Checks running now."),
  };
}

type DbMetrics = ReturnType<typeof dbMetrics>;
const g = globalThis as { __faultlineDbMetrics?: DbMetrics };

async function refresh(db: Db, m: DbMetrics): Promise<void> {
  const [health, byState, open, faults, mttr, failovers, drift, balancers, audit, outbox, poller] = await Promise.all([
    db.$queryRaw<Array<{ service: string; pool: string; instance: string; health: keyof typeof HEALTH_CODE }>>`
      SELECT s."name" AS service, p."name" AS pool, i."name" AS instance, i."observedHealth"::text AS health
        FROM "Instance" i JOIN "Pool" p ON p."id" = i."poolId" JOIN "Service" s ON s."id" = p."serviceId"
       WHERE i."archivedAt" IS NULL AND s."archivedAt" IS NULL`,
    db.instance.groupBy({ by: ["observedHealth", "desiredAdminState"], where: { archivedAt: null }, _count: true }),
    db.$queryRaw<Array<{ service: string; severity: string; type: string; n: number }>>`
      SELECT s."name" AS service, f."severity"::text AS severity, f."type"::text AS type, count(*)::int AS n
        FROM "Fault" f JOIN "Service" s ON s."id" = f."serviceId"
       WHERE f."status" IN ('OPEN', 'ACKNOWLEDGED') GROUP BY 1, 2, 3`,
    db.$queryRaw<Array<{ severity: string; opened: number; resolved: number }>>`
      SELECT "severity"::text AS severity, count(*)::int AS opened, count("resolvedAt")::int AS resolved FROM "Fault" GROUP BY 1`,
    db.$queryRaw<Array<{ severity: string; seconds: number }>>`
      SELECT "severity"::text AS severity, avg(extract(epoch FROM "resolvedAt" - "startedAt"))::float8 AS seconds
        FROM "Fault" WHERE "resolvedAt" > now() - interval '30 days' GROUP BY 1`,
    db.failover.groupBy({ by: ["kind", "state"], _count: true }),
    db.instance.count({ where: { drift: true, archivedAt: null } }),
    db.balancer.findMany({ select: { name: true, status: true } }),
    db.auditEntry.groupBy({ by: ["result"], _count: true }),
    outboxStatus(db),
    currentFigures(db),
  ]);
  for (const x of Object.values(m)) x.reset();
  m.up.set(1);
  for (const r of health) m.health.set({ service: r.service, pool: r.pool, name: r.instance }, HEALTH_CODE[r.health]);
  for (const r of byState) m.instances.set({ health: r.observedHealth, admin_state: r.desiredAdminState }, r._count);
  for (const r of open) m.openFaults.set({ service: r.service, severity: r.severity, type: r.type }, r.n);
  for (const r of faults) {
    m.opened.inc({ severity: r.severity }, r.opened);
    m.resolved.inc({ severity: r.severity }, r.resolved);
  }
  for (const r of mttr) m.mttr.set({ severity: r.severity }, r.seconds);
  for (const r of failovers) m.failovers.inc({ kind: r.kind, state: r.state }, r._count);
  m.drift.set(drift);
  for (const b of balancers) m.balancers.set({ balancer: b.name }, b.status === "CONNECTED" ? 1 : 0);
  for (const r of audit) m.audit.inc({ result: r.result }, r._count);
  m.outboxPending.set(outbox.pending);
  m.outboxOldest.set(outbox.oldestPendingSeconds ?? 0);
  m.outboxDead.set(outbox.dead);
  if (poller) {
    m.pollerRate.set(poller.checksPerSecond);
    m.pollerLag.set({ quantile: "0.5" }, poller.lagP50Ms / 1000);
    m.pollerLag.set({ quantile: "0.99" }, poller.lagP99Ms / 1000);
    m.pollerInFlight.set(poller.inFlight);
  }
}

/** The exposition text. A database it cannot read leaves the process metrics and `faultline_database_up 0`. */
export async function renderMetrics(db: Db): Promise<{ contentType: string; text: string }> {
  const { registry } = metrics();
  g.__faultlineDbMetrics ??= dbMetrics(registry);
  const m = g.__faultlineDbMetrics;
  try {
    await refresh(db, m);
  } catch (err) {
    for (const x of Object.values(m)) x.reset();
    m.up.set(0);
    log.warn({ err: errLine(err) }, "metrics: database not readable for this scrape");
  }
  return { contentType: registry.contentType, text: await registry.metrics() };
}

/** Serve GET /metrics (and /api/v1/metrics) on 127.0.0.1:`port`; returns stop(). */
export async function startMetricsServer(db: Db, port: number): Promise<() => Promise<void>> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" && path !== "/api/v1/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: GET /metrics\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("method not allowed\n");
      return;
    }
    renderMetrics(db).then(
      (out) => res.writeHead(200, { "content-type": out.contentType }).end(req.method === "HEAD" ? undefined : out.text),
      (err) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${errLine(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) =>
    server
      .once("error", (err: NodeJS.ErrnoException) =>
        reject(
          new StartupError(`FAULTLINE_METRICS_PORT: cannot listen on 127.0.0.1:${port} (${err.code === "EADDRINUSE" ? "in use" : (err.code ?? err.message)})`),
        ),
      )
      .listen(port, "127.0.0.1", () => resolve()),
  );
  log.info({ port }, "metrics on http://127.0.0.1:" + port + "/metrics");
  return () => new Promise<void>((r) => server.close(() => r()));
}
