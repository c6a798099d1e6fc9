/**
 * `npm run demo`: the product in one command — fleet simulator, HAProxy in front of it, the
 * production Next.js server on its embedded PostgreSQL (or DATABASE_URL), and the demo inventory.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fleetFrontends, fleetHaproxyConfig } from "@/dev/haproxy/fleet-config";
import { loadEnv } from "@/lib/config/env";
import { createPrisma } from "@/lib/db/client";
import { embeddedUrlFromFiles } from "@/lib/db/embedded/connection-file";
import { ensureHaproxy, startHaproxy, type HaproxyProcess } from "@/dev/demo/haproxy-process";
import { buildNext, needsBuild, startNext, waitReady } from "@/dev/demo/next-process";
import { seedFleet, type SeedBalancer } from "@/dev/demo/seed";
import { DEFAULT_CONTROL_PORT, startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { loadFleetFile } from "@/dev/fleet-sim/fleet-file";
import { stopChild } from "@/dev/process/child";
import { exitWithStartupError } from "@/lib/runtime/fatal";

const HELP = `Usage: npm run demo -- [options]

Starts Faultline with a simulated fleet on this machine (everything on 127.0.0.1):
  1. the fleet simulator (instances from the fleet file + chaos control API),
  2. HAProxy in front of it when the haproxy binary exists (as root on Debian it is
     installed with apt; otherwise the demo runs without a balancer), registered as the
     balancer "demo-haproxy": weights, drain/maint and failover work from each service's page
     (Services → a service), and its server-state file keeps them over a HAProxy reload,
  3. the production Next.js server (built first when sources changed), which starts
     its embedded PostgreSQL in $FAULTLINE_DATA_DIR (default ./data) unless
     DATABASE_URL is set, and migrates it,
  4. the demo inventory (services, pools, instances) seeded from the fleet file.
A second run reuses the data. Ctrl-C stops everything.

Options:
  --fleet <file>     fleet description (default scripts/demo-fleet.yaml)
  --port <n>         console port (default $PORT or 3000)
  --no-haproxy       do not start HAProxy
  -h, --help         show this help

The first run creates the admin FAULTLINE_ADMIN_EMAIL / FAULTLINE_ADMIN_PASSWORD
(default admin@faultline.local / faultline-demo) and prints how to sign in.

Environment: PORT, DATABASE_URL, FAULTLINE_DATA_DIR, FAULTLINE_ENV_NAME (default "demo"),
FLEET_CONTROL_PORT (default ${DEFAULT_CONTROL_PORT}), HAPROXY_FRONTEND_PORT (default 18080).`;

const say = (line: string) => console.log(`demo: ${line}`);

const DEMO_ADMIN = { email: "admin@faultline.local", password: "faultline-demo" };

function parseCli() {
  const { values } = parseArgs({
    options: {
      fleet: { type: "string" },
      port: { type: "string" },
      "no-haproxy": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port: must be a port number, got "${values.port ?? process.env.PORT}"`);
  return { ...values, port };
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1024 || n > 65535) throw new Error(`${name}: must be a port number (1024–65535), got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const cli = parseCli();
  if (cli.help) {
    console.log(HELP);
    return;
  }
  process.env.FAULTLINE_ENV_NAME ??= "demo";
  // A known admin so the demo can be signed into at once (created only while no user exists).
  process.env.FAULTLINE_ADMIN_EMAIL ??= DEMO_ADMIN.email;
  process.env.FAULTLINE_ADMIN_PASSWORD ??= DEMO_ADMIN.password;
  const env = loadEnv();
  const fleetFile = path.resolve(process.env.INIT_CWD ?? process.cwd(), cli.fleet ?? "scripts/demo-fleet.yaml");
  const fleet = await loadFleetFile(fleetFile);
  const controlPort = intEnv("FLEET_CONTROL_PORT", DEFAULT_CONTROL_PORT);
  const frontendPort = intEnv("HAPROXY_FRONTEND_PORT", 18080);

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopEverything = async () => {
    stopping = true;
    for (const stop of stops.splice(0).reverse()) await stop().catch((e: Error) => console.error(`demo: stop failed: ${e.message}`));
  };
  const stopAll = async (code: number) => {
    if (stopping) return;
    await stopEverything();
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      say(`${sig}: stopping…`);
      void stopAll(0);
    });
  }

  try {
    const running: RunningFleet = await startFleet({ fleet, controlPort });
    stops.push(() => running.stop());
    say(`fleet simulator: ${running.instances.length} instances, control API ${running.controlUrl}`);

    let haproxy: HaproxyProcess | undefined;
    let balancer: SeedBalancer | undefined;
    const bin = cli["no-haproxy"] ? undefined : await ensureHaproxy(say);
    if (bin) {
      const dir = path.join(env.dataDir, "haproxy");
      const runtimeSocket = path.join(dir, "admin.sock");
      const serverStateFile = path.join(dir, "server-state");
      const config = fleetHaproxyConfig(fleet, { runtimeSocket, serverStateFile, firstFrontendPort: frontendPort });
      haproxy = await startHaproxy(bin, dir, config, runtimeSocket);
      stops.push(() => haproxy!.stop());
      balancer = { name: "demo-haproxy", runtimeApi: `unix:${runtimeSocket}`, serverStateFile };
      say(`HAProxy: runtime API unix:${runtimeSocket}`);
    }

    if (await needsBuild()) {
      say("building the console (next build, ~1 min)…");
      await buildNext();
    }
    const base = `http://127.0.0.1:${cli.port}`;
    const server = startNext(cli.port, {
      FAULTLINE_ENV_NAME: process.env.FAULTLINE_ENV_NAME,
      FAULTLINE_ADMIN_EMAIL: process.env.FAULTLINE_ADMIN_EMAIL,
      FAULTLINE_ADMIN_PASSWORD: process.env.FAULTLINE_ADMIN_PASSWORD,
    });
    stops.push(() => stopChild(server, "SIGTERM", 20_000));
    server.once("exit", (code) => {
      if (!stopping) {
        say(`the Faultline server exited (code ${code}); stopping the demo.`);
        void stopAll(code || 1);
      }
    });
    await waitReady(base, server, 120_000);

    const url = env.DATABASE_URL ?? (await embeddedUrlFromFiles(env.dataDir));
    if (!url) throw new Error(`no connection details in ${env.dataDir} after the server started`);
    const prisma = createPrisma(url, 2);
    // Demo instances are checked every 2 s (the product default is 5 s) so breaking one shows fast.
    const seeded = await seedFleet(prisma, fleet, balancer, { checkIntervalMs: 2000 }).finally(() => prisma.$disconnect());

    console.log("");
    say(`Faultline is running (${env.DATABASE_URL ? "external PostgreSQL" : `embedded PostgreSQL in ${env.dataDir}`}).`);
    console.log(`  Console       ${base}`);
    console.log(`  API           ${base}/api/v1/status   ${base}/api/v1/services`);
    console.log(`  Failover      ${base}/services → a service → Fail over… (operators; every action asks for a reason)`);
    console.log(`  Fleet control ${running.controlUrl}/instances`);
    console.log(
      `                curl -X POST ${running.controlUrl}/instances/${running.instances[0]!.name}/chaos -H 'content-type: application/json' -d '{"mode":"down"}'`,
    );
    if (haproxy) {
      for (const f of fleetFrontends(fleet, frontendPort)) console.log(`  HAProxy       ${f.service.padEnd(12)} http://${f.bind}/`);
    }
    console.log(`  Inventory     ${seeded.servicesCreated} services, ${seeded.instancesCreated} instances created (existing ones kept)`);
    console.log(
      `  Sign in       ${process.env.FAULTLINE_ADMIN_EMAIL} / ${process.env.FAULTLINE_ADMIN_PASSWORD}  (admin; created on the first run — if you changed it since, use yours)`,
    );
    console.log("Press Ctrl-C to stop.");
  } catch (err) {
    await stopEverything();
    throw err;
  }
}

main().catch((err) => exitWithStartupError(err, "demo"));
