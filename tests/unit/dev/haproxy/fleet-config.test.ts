import { describe, expect, it } from "vitest";
import { fleetFrontends, fleetHaproxyConfig } from "@/dev/haproxy/fleet-config";
import { parseFleet } from "@/dev/fleet-sim/fleet-file";

const fleet = parseFleet({
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
        { name: "green", role: "STANDBY", instances: [{ name: "green-1", port: 21011 }] },
      ],
    },
    {
      name: "catalog",
      pools: [
        { name: "eu2", role: "STANDBY", instances: [{ name: "eu2-1", port: 21111, host: "127.0.0.2" }] },
        { name: "eu1", role: "ACTIVE", instances: [{ name: "eu1-1", port: 21101 }] },
      ],
    },
    { name: "accounts", pools: [{ name: "primary", role: "ACTIVE", instances: [{ name: "primary-1", port: 21201 }] }] },
  ],
});

const options = {
  runtimeSocket: "/var/lib/faultline/haproxy/admin.sock",
  serverStateFile: "/var/lib/faultline/haproxy/server-state",
  firstFrontendPort: 28080,
};

/** The config's sections (`global`, `defaults`, `frontend fe_x`, `backend x`) → their trimmed lines. */
function sections(config: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of config.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    if (!line.startsWith(" ")) {
      current = [];
      result.set(line.trim(), current);
    } else {
      current?.push(line.trim());
    }
  }
  return result;
}

const serverLine = (lines: string[], name: string) => lines.find((l) => l.startsWith(`server ${name} `));

describe("fleetHaproxyConfig", () => {
  const config = fleetHaproxyConfig(fleet, options);
  const parts = sections(config);

  it("has one frontend and one backend per service, and nothing else besides global and defaults", () => {
    expect([...parts.keys()]).toEqual([
      "global",
      "defaults",
      "frontend fe_checkout",
      "backend checkout",
      "frontend fe_catalog",
      "backend catalog",
      "frontend fe_accounts",
      "backend accounts",
    ]);
  });

  it("binds the frontends on consecutive loopback ports in file order, each to its service's backend", () => {
    fleet.services.forEach((service, i) => {
      const fe = parts.get(`frontend fe_${service.name}`)!;
      expect(fe).toContain(`bind 127.0.0.1:${options.firstFrontendPort + i}`);
      expect(fe).toContain(`default_backend ${service.name}`);
    });
  });

  it("lists every instance as a health-checked server; STANDBY ones are backup, ACTIVE ones are not", () => {
    const checkout = parts.get("backend checkout")!;
    expect(serverLine(checkout, "blue-1")).toMatch(/^server blue-1 127\.0\.0\.1:21001 check\b/);
    expect(serverLine(checkout, "blue-1")).not.toMatch(/\bbackup\b/);
    expect(serverLine(checkout, "blue-2")).not.toMatch(/\bbackup\b/);
    expect(serverLine(checkout, "green-1")).toMatch(/^server green-1 127\.0\.0\.1:21011 check\b.*\bbackup$/);

    // The role decides, not the pool's position in the file; the instance's host is kept.
    const catalog = parts.get("backend catalog")!;
    expect(serverLine(catalog, "eu2-1")).toMatch(/^server eu2-1 127\.0\.0\.2:21111 .*\bbackup$/);
    expect(serverLine(catalog, "eu1-1")).not.toMatch(/\bbackup\b/);

    const servers = [...parts.entries()].filter(([k]) => k.startsWith("backend ")).flatMap(([, lines]) => lines.filter((l) => l.startsWith("server ")));
    expect(servers).toHaveLength(6);
  });

  it("checks servers on /healthz and expects 200", () => {
    for (const service of fleet.services) {
      const be = parts.get(`backend ${service.name}`)!;
      expect(be).toContain("option httpchk GET /healthz");
      expect(be).toContain("http-check expect status 200");
    }
  });

  it("exposes the admin runtime socket and keeps runtime state across reloads", () => {
    const global = parts.get("global")!;
    expect(global).toContain(`stats socket ${options.runtimeSocket} mode 600 level admin`);
    expect(global).toContain(`server-state-file ${options.serverStateFile}`);
    expect(parts.get("defaults")).toContain("load-server-state-from-file global");
  });

  it("gives servers a weight of 100 so percentage weights keep their meaning", () => {
    expect(parts.get("defaults")!.find((l) => l.startsWith("default-server "))).toMatch(/\bweight 100\b/);
  });

  it("ends with a newline (HAProxy warns about a missing one)", () => {
    expect(config.endsWith("\n")).toBe(true);
  });
});

describe("fleetFrontends", () => {
  it("lists the frontends the config binds, in file order", () => {
    expect(fleetFrontends(fleet, 18080)).toEqual([
      { service: "checkout", backend: "checkout", bind: "127.0.0.1:18080" },
      { service: "catalog", backend: "catalog", bind: "127.0.0.1:18081" },
      { service: "accounts", backend: "accounts", bind: "127.0.0.1:18082" },
    ]);
  });
});
