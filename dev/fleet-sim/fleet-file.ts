import { readFile } from "node:fs/promises";
import { isIPv4 } from "node:net";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FleetSimError } from "./errors";
import { formatPath, parseOrThrow } from "./validation";

// Names end up in URLs (`/instances/:name`) and in HAProxy backend/server names, so keep them
// to characters both accept without quoting.
const Name = z
  .string()
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: "must start with a letter or digit and contain only letters, digits, '.', '_' or '-'",
  });

export const LOOPBACK_ONLY = "must be a loopback IPv4 address (127.x.x.x); the simulator never listens on other interfaces";

/** True for IPv4 addresses in 127.0.0.0/8, the only addresses the simulator binds. */
export function isLoopbackIPv4(host: string): boolean {
  return isIPv4(host) && host.startsWith("127.");
}

// The simulator serves fake services with chaos controls: it must never be reachable from
// another machine, so anything but an IPv4 loopback address is refused up front.
const LoopbackHost = z.string().refine(isLoopbackIPv4, { error: LOOPBACK_ONLY });

const PoolRole = z.enum(["ACTIVE", "STANDBY"]);

const FleetInstanceSpec = z.strictObject({
  name: Name,
  port: z.int().min(1024).max(65535),
  host: LoopbackHost.default("127.0.0.1"),
});

const FleetPool = z.strictObject({
  name: Name,
  role: PoolRole,
  /** Ordering hint for consumers (demo seeder, HAProxy generator); the simulator ignores it. */
  priority: z.int().min(0).optional(),
  instances: z.array(FleetInstanceSpec).min(1),
});

const FleetService = z.strictObject({
  name: Name,
  description: z.string().optional(),
  owner: z.string().optional(),
  tags: z.array(z.string().min(1)).optional(),
  sloTargetPct: z.number().gt(0).max(100).optional(),
  pools: z.array(FleetPool).min(1),
});

export const FleetFile = z.strictObject({ services: z.array(FleetService).min(1) }).superRefine((fleet, ctx) => {
  for (const dup of findDuplicates(fleet)) ctx.addIssue({ code: "custom", path: dup.path, message: dup.message });
});

export type PoolRole = z.infer<typeof PoolRole>;
export type FleetInstanceSpec = z.infer<typeof FleetInstanceSpec>;
export type FleetPool = z.infer<typeof FleetPool>;
export type FleetService = z.infer<typeof FleetService>;
/** A validated fleet description (defaults applied). */
export type FleetFile = z.infer<typeof FleetFile>;
/** What may be written in a fleet file or passed in code before validation (`host` optional). */
export type FleetFileInput = z.input<typeof FleetFile>;

/** One instance with its service and pool, as the simulator, seeder and HAProxy generator use it. */
export interface FleetInstance {
  service: string;
  pool: string;
  role: PoolRole;
  name: string;
  host: string;
  port: number;
}

/** A fleet file that cannot be read, parsed or validated; `file` is the path given. */
export class FleetFileError extends FleetSimError {
  readonly file: string;

  constructor(file: string, message: string, options: { field?: string; cause?: unknown } = {}) {
    super("INVALID_FLEET_FILE", message, options);
    this.name = "FleetFileError";
    this.file = file;
  }
}

/**
 * Validates an already-parsed fleet description (from YAML, JSON or code).
 * Throws FleetSimError (code INVALID_FLEET_FILE) whose message is one line naming the field,
 * e.g. `services[0].pools[1].instances[0].port: must be ≤ 65535`.
 */
export function parseFleet(data: unknown): FleetFile {
  return parseOrThrow(FleetFile, data, "INVALID_FLEET_FILE");
}

/**
 * Reads and validates a fleet file (YAML, or JSON since JSON is YAML).
 * Throws FleetFileError with a one-line message for an unreadable file, bad YAML or an invalid field.
 */
export async function loadFleetFile(path: string): Promise<FleetFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unknown error";
    throw new FleetFileError(path, `cannot read file (${code})`, { cause: err });
  }
  let data: unknown;
  try {
    // logLevel "error": throw on errors, but don't print YAML warnings to the console.
    data = parseYaml(text, { logLevel: "error" });
  } catch (err) {
    // yaml's messages continue with a code excerpt on further lines; the first line has the position.
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0]?.replace(/:$/, "");
    throw new FleetFileError(path, `invalid YAML: ${first}`, { cause: err });
  }
  try {
    return parseFleet(data);
  } catch (err) {
    if (err instanceof FleetSimError) throw new FleetFileError(path, err.message, { field: err.field, cause: err });
    throw err;
  }
}

/** Flattens services → pools → instances into one list, in file order. */
export function fleetInstances(fleet: FleetFile): FleetInstance[] {
  return fleet.services.flatMap((service) =>
    service.pools.flatMap((pool) =>
      pool.instances.map((instance) => ({
        service: service.name,
        pool: pool.name,
        role: pool.role,
        name: instance.name,
        host: instance.host,
        port: instance.port,
      })),
    ),
  );
}

interface Duplicate {
  path: (string | number)[];
  message: string;
}

/**
 * Names are identities across the product (URLs, database keys, HAProxy server names) and two
 * instances cannot share a port; report each repeat at its second occurrence, naming the first.
 */
function findDuplicates(fleet: FleetFile): Duplicate[] {
  const found: Duplicate[] = [];
  const check = (seen: Map<string, (string | number)[]>, key: string, path: (string | number)[], what: string) => {
    const first = seen.get(key);
    if (first) found.push({ path, message: `duplicate ${what} (first at ${formatPath(first)})` });
    else seen.set(key, path.slice(0, -1));
  };
  const services = new Map<string, (string | number)[]>();
  const instances = new Map<string, (string | number)[]>();
  const ports = new Map<string, (string | number)[]>();
  fleet.services.forEach((service, s) => {
    check(services, service.name, ["services", s, "name"], `service name "${service.name}"`);
    const pools = new Map<string, (string | number)[]>();
    service.pools.forEach((pool, p) => {
      check(pools, pool.name, ["services", s, "pools", p, "name"], `pool name "${pool.name}" in this service`);
      pool.instances.forEach((instance, i) => {
        const at = ["services", s, "pools", p, "instances", i];
        check(instances, instance.name, [...at, "name"], `instance name "${instance.name}"`);
        check(ports, String(instance.port), [...at, "port"], `port ${instance.port}`);
      });
    });
  });
  return found;
}
