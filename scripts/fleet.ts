/**
 * Fleet simulator CLI: serves every instance of a fleet file on loopback, with a chaos control API.
 * Run `npm run fleet -- --help`.
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FleetSimError } from "@/dev/fleet-sim/errors";
import { DEFAULT_CONTROL_PORT, startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { FleetFileError, loadFleetFile } from "@/dev/fleet-sim/fleet-file";
import type { FleetLogger } from "@/dev/fleet-sim/log";

const DEFAULT_FILE = fileURLToPath(new URL("./demo-fleet.yaml", import.meta.url));
const STOP_GRACE_MS = 5000;

const HELP = `Usage: npm run fleet -- [--control-port <port>] [fleet-file]

Serves every instance of a fleet file as a small HTTP server on loopback
(GET /healthz, GET /), and a control API to inject faults into them.

Arguments:
  fleet-file              YAML or JSON fleet description
                          (default: scripts/demo-fleet.yaml)
Options:
  --control-port <port>   control API port (default: $FLEET_CONTROL_PORT, else ${DEFAULT_CONTROL_PORT})
  -h, --help              show this help

Control API (127.0.0.1 only):
  GET  /instances                 every instance with its address and mode
  GET  /instances/<name>          one instance
  POST /instances/<name>/chaos    JSON {"mode": ..., "latencyMs"?, "errorRate"?, "periodMs"?}
  POST /reset                     every instance back to "up"

Modes:
  up       healthy: 200 on /healthz and traffic
  down     503 on /healthz and traffic
  slow     answers after latencyMs (default 1500)
  refuse   port closed, open connections dropped: clients get ECONNREFUSED
  flap     down/up alternating every periodMs (default 4000), starting down
  error    fraction errorRate (default 0.5) of traffic answers 500; /healthz stays 200
  unhealthy /healthz answers 200 with {"status":"degraded"} (a JSON body check fails, a status
           check passes); traffic is served

Ctrl-C (SIGINT) or SIGTERM stops every server.`;

/** A bad invocation or input: printed as one line, exit 1. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one fleet file, got ${positionals.length} (see --help)`);
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const file = positionals[0] ? resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]) : DEFAULT_FILE;
  // An empty FLEET_CONTROL_PORT (`FLEET_CONTROL_PORT= npm run fleet`) means unset, as shells intend.
  const controlPort = parsePort(values["control-port"] ?? (process.env.FLEET_CONTROL_PORT || String(DEFAULT_CONTROL_PORT)));

  const fleet = await loadFleetFile(file);
  const running = await startFleet({ fleet, controlPort, log: printEvent });
  printBanner(running, displayPath(file));

  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  console.log(`\n${signal}: stopping…`);
  // A second signal, or a stop that hangs, must still end the process.
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  setTimeout(() => {
    console.error(`fleet: servers did not close within ${STOP_GRACE_MS} ms; exiting anyway`);
    process.exit(1);
  }, STOP_GRACE_MS).unref();
  await running.stop();
  console.log("stopped.");
  return 0;
}

function parseCli(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" }, "control-port": { type: "string" } },
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see --help)`);
  }
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`control port must be a number from 1 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

function printBanner(running: RunningFleet, file: string): void {
  console.log(`fleet: ${running.instances.length} instances from ${file}`);
  const width = Math.max(...running.instances.map((instance) => instance.name.length));
  for (const instance of running.instances) {
    console.log(`  ${instance.name.padEnd(width)}  ${instance.url}  ${instance.service}/${instance.pool} (${instance.role})`);
  }
  const example = running.instances[0]?.name ?? "NAME";
  console.log(`control API: ${running.controlUrl}`);
  console.log(`  list:  curl -s ${running.controlUrl}/instances`);
  console.log(`  chaos: curl -s -X POST ${running.controlUrl}/instances/${example}/chaos -H 'content-type: application/json' -d '{"mode":"down"}'`);
  console.log(`  reset: curl -s -X POST ${running.controlUrl}/reset`);
  console.log("Ctrl-C to stop.");
}

// One event per line with its fields as key=value, readable in a terminal and greppable.
const printEvent: FleetLogger = (event, fields = {}) => {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`);
  console.log([new Date().toISOString().slice(11, 23), event, ...pairs].join(" "));
};

/** Relative to the current directory when inside it, else as given. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") ? file : rel;
}

function describe(err: unknown): string | undefined {
  if (err instanceof FleetFileError) return `${displayPath(err.file)}: ${err.message}`;
  if (err instanceof FleetSimError || err instanceof UsageError) return err.message;
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Expected failures (bad file, port in use, bad option) are one line; anything else is a bug: keep the stack.
    console.error(`fleet: ${describe(err) ?? (err instanceof Error ? (err.stack ?? err.message) : String(err))}`);
    process.exitCode = 1;
  },
);
