import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/lib/net/free-port";
import { metrics } from "@/lib/metrics/registry";
import { startMetricsServer } from "@/lib/runtime/metrics";
import { call, startAuthWorld, type AuthWorld } from "./auth/harness";
import { eventually } from "../support/eventually";
import { makeTempDir, removeDir } from "../support/temp-dir";

/**
 * Metrics as Prometheus sees them: Debian's `prometheus` scrapes the loopback metrics port with a
 * generated config; the test asks Prometheus's HTTP API for `up` and Faultline's series, and
 * `promtool check metrics` lints the exposition.
 */
describe("Prometheus metrics (real Prometheus)", () => {
  let w: AuthWorld;
  let dir: string;
  let stopMetrics: () => Promise<void>;
  let prometheus: ChildProcess | undefined;
  let metricsPort: number;
  let promPort: number;

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "metrics");
    dir = await makeTempDir("prom");
    const svc = await w.prisma.service.create({
      data: {
        name: "checkout",
        pools: {
          create: {
            name: "checkout-a",
            role: "ACTIVE",
            instances: {
              create: [
                { name: "co-1", address: "127.0.0.1:1", observedHealth: "DOWN" },
                { name: "co-2", address: "127.0.0.1:2", observedHealth: "UP" },
              ],
            },
          },
        },
      },
    });
    const fault = await call("/api/v1/faults", {
      method: "POST",
      bearer: w.tokens.OPERATOR.secret,
      body: { serviceId: svc.id, severity: "SEV2", cause: "checkout answers 502" },
    });
    expect(fault.status).toBe(201);
    metrics().checks.inc({ kind: "HTTP", result: "FAIL" });
    metricsPort = await freePort();
    stopMetrics = await startMetricsServer(w.prisma, metricsPort);
  });
  afterAll(async () => {
    prometheus?.kill("SIGTERM");
    await stopMetrics?.();
    await w?.close();
    if (dir) await removeDir(dir);
  });

  it("serves an exposition promtool accepts, with the fleet and the fault record in it", async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('faultline_instance_health{service="checkout",pool="checkout-a",name="co-1"} 3');
    expect(text).toContain('faultline_instance_health{service="checkout",pool="checkout-a",name="co-2"} 1');
    expect(text).toContain('faultline_open_faults{service="checkout",severity="SEV2",type="MANUAL"} 1');
    expect(text).toContain('faultline_faults_opened_total{severity="SEV2"} 1');
    expect(text).toContain('faultline_checks_total{kind="HTTP",result="FAIL"} 1');
    expect(text).toContain("faultline_database_up 1");
    expect(text).toContain("process_cpu_seconds_total");
    const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("a real Prometheus scrapes it: up == 1 and the series are queryable", async () => {
    promPort = await freePort();
    const config = path.join(dir, "prometheus.yml");
    fs.writeFileSync(
      config,
      `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n  - job_name: faultline\n    static_configs:\n      - targets: ["127.0.0.1:${metricsPort}"]\n`,
    );
    prometheus = spawn(
      "prometheus",
      [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${promPort}`, "--log.level=warn"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    prometheus.stderr!.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const query = async (q: string) => {
      const r = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = (await r.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
      return body.data.result;
    };
    const up = await eventually(
      `up == 1 (prometheus: ${stderr.slice(-300)})`,
      async () => {
        const r = await query('up{job="faultline"}');
        return r[0]?.value[1] === "1" ? r : null;
      },
      30_000,
      500,
    );
    expect(up[0]!.metric.instance).toBe(`127.0.0.1:${metricsPort}`);
    const down = await query('faultline_instance_health{name="co-1"}');
    expect(down[0]!.value[1]).toBe("3");
    const open = await query("sum(faultline_open_faults)");
    expect(open[0]!.value[1]).toBe("1");
  });
});
