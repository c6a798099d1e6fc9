import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FleetSimError } from "@/dev/fleet-sim/errors";
import { FleetFileError, fleetInstances, loadFleetFile, parseFleet, type FleetFileInput } from "@/dev/fleet-sim/fleet-file";

const DEMO = join(import.meta.dirname, "../../../../scripts/demo-fleet.yaml");

/** A valid two-service fleet; tests mutate a fresh copy. */
function fleet(): FleetFileInput {
  return {
    services: [
      {
        name: "checkout",
        pools: [
          {
            name: "blue",
            role: "ACTIVE",
            instances: [
              { name: "blue-1", port: 21001 },
              { name: "blue-2", port: 21002 },
            ],
          },
          { name: "green", role: "STANDBY", priority: 1, instances: [{ name: "green-1", port: 21011 }] },
        ],
      },
      { name: "catalog", pools: [{ name: "eu1", role: "ACTIVE", instances: [{ name: "eu1-1", port: 21101 }] }] },
    ],
  };
}

function errorOf(data: unknown): FleetSimError {
  try {
    parseFleet(data);
  } catch (err) {
    if (err instanceof FleetSimError) return err;
    throw err;
  }
  throw new Error("expected parseFleet to throw");
}

describe("parseFleet", () => {
  it("accepts a good fleet and defaults host to 127.0.0.1", () => {
    const parsed = parseFleet(fleet());
    expect(fleetInstances(parsed)).toEqual([
      { service: "checkout", pool: "blue", role: "ACTIVE", name: "blue-1", host: "127.0.0.1", port: 21001 },
      { service: "checkout", pool: "blue", role: "ACTIVE", name: "blue-2", host: "127.0.0.1", port: 21002 },
      { service: "checkout", pool: "green", role: "STANDBY", name: "green-1", host: "127.0.0.1", port: 21011 },
      { service: "catalog", pool: "eu1", role: "ACTIVE", name: "eu1-1", host: "127.0.0.1", port: 21101 },
    ]);
  });

  it("names the field of an out-of-range port", () => {
    const data = fleet();
    data.services[0]!.pools[1]!.instances[0]!.port = 70000;
    const err = errorOf(data);
    expect(err.code).toBe("INVALID_FLEET_FILE");
    expect(err.message).toBe("services[0].pools[1].instances[0].port: must be ≤ 65535");
    expect(err.field).toBe("services[0].pools[1].instances[0].port");
  });

  it("rejects privileged and non-integer ports", () => {
    const data = fleet();
    data.services[1]!.pools[0]!.instances[0]!.port = 80;
    expect(errorOf(data).message).toBe("services[1].pools[0].instances[0].port: must be ≥ 1024");
    data.services[1]!.pools[0]!.instances[0]!.port = 21101.5;
    expect(errorOf(data).message).toBe("services[1].pools[0].instances[0].port: must be an integer");
  });

  it("rejects duplicate instance names, naming both places", () => {
    const data = fleet();
    data.services[1]!.pools[0]!.instances[0]!.name = "blue-1";
    expect(errorOf(data).message).toBe('services[1].pools[0].instances[0].name: duplicate instance name "blue-1" (first at services[0].pools[0].instances[0])');
  });

  it("rejects duplicate ports", () => {
    const data = fleet();
    data.services[0]!.pools[1]!.instances[0]!.port = 21002;
    const err = errorOf(data);
    expect(err.message).toBe("services[0].pools[1].instances[0].port: duplicate port 21002 (first at services[0].pools[0].instances[1])");
    expect(err.field).toBe("services[0].pools[1].instances[0].port");
  });

  it("rejects duplicate service names", () => {
    const data = fleet();
    data.services[1]!.name = "checkout";
    expect(errorOf(data).message).toMatch(/^services\[1\]\.name: duplicate service name "checkout"/);
  });

  it("refuses non-loopback hosts", () => {
    const data = fleet();
    data.services[0]!.pools[0]!.instances[1]!.host = "0.0.0.0";
    expect(errorOf(data).message).toBe(
      "services[0].pools[0].instances[1].host: must be a loopback IPv4 address (127.x.x.x); the simulator never listens on other interfaces",
    );
  });

  it("explains a missing field, a bad role and an unknown field", () => {
    const missing = fleet() as { services: { pools: Record<string, unknown>[] }[] };
    delete missing.services[0]!.pools[0]!.role;
    expect(errorOf(missing).message).toBe("services[0].pools[0].role: is required");

    const badRole = fleet() as { services: { pools: Record<string, unknown>[] }[] };
    badRole.services[0]!.pools[0]!.role = "PRIMARY";
    expect(errorOf(badRole).message).toBe('services[0].pools[0].role: must be one of "ACTIVE", "STANDBY"');

    const typo = fleet() as { services: Record<string, unknown>[] };
    typo.services[1]!.ownr = "me";
    expect(errorOf(typo).message).toBe("services[1].ownr: unknown field");
  });

  it("rejects empty fleets and bad names", () => {
    expect(errorOf({ services: [] }).message).toBe("services: must have at least 1 item(s)");
    expect(errorOf(null).message).toBe("(root): must be an object");
    const data = fleet();
    data.services[0]!.name = "check out";
    expect(errorOf(data).field).toBe("services[0].name");
  });
});

describe("loadFleetFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleet-file-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads the demo fleet", async () => {
    const demo = await loadFleetFile(DEMO);
    const instances = fleetInstances(demo);
    expect(demo.services.map((s) => s.name)).toEqual(["checkout", "catalog", "accounts"]);
    expect(instances).toHaveLength(13);
    expect(instances[0]).toEqual({
      service: "checkout",
      pool: "checkout-blue",
      role: "ACTIVE",
      name: "checkout-blue-1",
      host: "127.0.0.1",
      port: 18101,
    });
    expect(demo.services[0]).toMatchObject({ owner: "payments-team", tags: ["critical", "customer-facing"], sloTargetPct: 99.95 });
  });

  it("loads JSON too", async () => {
    const file = join(dir, "fleet.json");
    await writeFile(file, JSON.stringify(fleet()));
    expect(fleetInstances(await loadFleetFile(file))).toHaveLength(4);
  });

  it("reports an invalid field with the file path", async () => {
    const file = join(dir, "bad-port.yaml");
    await writeFile(
      file,
      "services:\n  - name: a\n    pools:\n      - name: p\n        role: ACTIVE\n        instances:\n          - { name: a-1, port: 99999 }\n",
    );
    const err = await loadFleetFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FleetFileError);
    expect((err as FleetFileError).file).toBe(file);
    expect((err as FleetFileError).message).toBe("services[0].pools[0].instances[0].port: must be ≤ 65535");
  });

  it("reports broken YAML and missing files on one line", async () => {
    const file = join(dir, "broken.yaml");
    await writeFile(file, "services:\n  - name: a\n  name: b\n    pools: [\n");
    const broken = (await loadFleetFile(file).catch((e: unknown) => e)) as FleetFileError;
    expect(broken).toBeInstanceOf(FleetFileError);
    expect(broken.message).toMatch(/^invalid YAML: /);
    expect(broken.message).not.toContain("\n");

    const missing = (await loadFleetFile(join(dir, "nope.yaml")).catch((e: unknown) => e)) as FleetFileError;
    expect(missing.message).toBe("cannot read file (ENOENT)");
  });
});
