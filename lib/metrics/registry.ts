import client from "prom-client";

/**
 * The process's Prometheus registry and the metrics its hot paths observe directly (checks,
 * HAProxy commands). Database-backed gauges (fleet, faults, failovers, outbox) are refreshed per
 * scrape by lib/runtime/metrics.ts. One registry per process, kept on globalThis: Next can load
 * this module in more than one bundle of the same process (instrumentation, route handlers).
 *
 * Labels are bounded: no metric here carries an instance, address or error text.
 */
function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  // Gauges named like counters (promtool refuses them); the same numbers stay, split by type, in
  // nodejs_active_handles / _requests / _resources.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  return {
    registry,
    checkDuration: new client.Histogram({
      name: "faultline_check_duration_seconds",
      help: "Health-check latency, by check kind.",
      labelNames: ["kind"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    checks: new client.Counter({
      name: "faultline_checks_total",
      help: "Health checks run, by kind and result (PASS, DEGRADED, FAIL).",
      labelNames: ["kind", "result"] as const,
      registers: [registry],
    }),
    balancerCommandDuration: new client.Histogram({
      name: "faultline_balancer_command_duration_seconds",
      help: "HAProxy Runtime API commands, by outcome (ok, refused, timeout, unreachable).",
      labelNames: ["outcome"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

type Metrics = ReturnType<typeof create>;
const g = globalThis as { __faultlineMetrics?: Metrics };

export function metrics(): Metrics {
  g.__faultlineMetrics ??= create();
  return g.__faultlineMetrics;
}
