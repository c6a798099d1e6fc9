import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fleetHaproxyConfig } from "@/dev/haproxy/fleet-config";
import { countHits } from "@/dev/bench/haproxy-fleet";
import { requireHaproxy, startHaproxy, type HaproxyProcess } from "@/dev/demo/haproxy-process";
import { startFleet, type RunningFleet } from "@/dev/fleet-sim/fleet";
import { parseFleet } from "@/dev/fleet-sim/fleet-file";
import { freePort } from "@/lib/net/free-port";
import { makeTempDir, removeDir } from "../support/temp-dir";

/** One Runtime API command on its own connection (the demo only needs `show stat` here). */
function runtime(socket: string, cmd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const c = net.createConnection(socket, () => c.write(cmd + "\n"));
    c.setTimeout(3_000, () => c.destroy(new Error("runtime API timeout")));
    c.on("data", (d) => (out += d));
    c.on("end", () => resolve(out));
    c.on("error", reject);
  });
}

const hits = countHits;

describe("the demo's generated HAProxy in front of the fleet simulator", () => {
  let dir: string;
  let fleet: RunningFleet;
  let haproxy: HaproxyProcess;
  let frontend: string;
  let socket: string;

  beforeAll(async () => {
    const bin = requireHaproxy();
    dir = await makeTempDir("haproxy");
    const [a1, a2, s1, fe] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const spec = parseFleet({
      services: [
        {
          name: "shop",
          pools: [
            {
              name: "shop-a",
              role: "ACTIVE",
              instances: [
                { name: "shop-a-1", port: a1 },
                { name: "shop-a-2", port: a2 },
              ],
            },
            { name: "shop-b", role: "STANDBY", instances: [{ name: "shop-b-1", port: s1 }] },
          ],
        },
      ],
    });
    fleet = await startFleet({ fleet: spec, controlPort: 0 });
    socket = path.join(dir, "admin.sock");
    const config = fleetHaproxyConfig(spec, { runtimeSocket: socket, serverStateFile: path.join(dir, "state"), firstFrontendPort: fe });
    haproxy = await startHaproxy(bin, dir, config, socket);
    frontend = `http://127.0.0.1:${fe}/`;
  });
  afterAll(async () => {
    await haproxy?.stop();
    await fleet?.stop();
    await removeDir(dir);
  });

  it("balances traffic over the ACTIVE pool only; STANDBY servers are backups", async () => {
    const seen = await hits(frontend, 20);
    expect(Object.keys(seen).sort()).toEqual(["shop-a-1", "shop-a-2"]);
    const stat = await runtime(socket, "show stat");
    const header = stat.split("\n")[0]!.replace(/^# /, "").split(",");
    const rows = stat
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], v])));
    const backupFlag = (name: string) => rows.find((r) => r.pxname === "shop" && r.svname === name)?.bck;
    expect([backupFlag("shop-a-1"), backupFlag("shop-a-2"), backupFlag("shop-b-1")]).toEqual(["0", "0", "1"]);
  });

  it("keeps serving when an active instance refuses connections (retries + redispatch)", async () => {
    await fleet.setChaos("shop-a-1", { mode: "refuse" });
    const seen = await hits(frontend, 20);
    expect(seen).toEqual({ "shop-a-2": 20 });
    await fleet.setChaos("shop-a-1", { mode: "up" });
  });

  it("falls back to the STANDBY pool when every active instance is down", async () => {
    await fleet.setChaos("shop-a-1", { mode: "down" });
    await fleet.setChaos("shop-a-2", { mode: "down" });
    // HAProxy needs `fall 2` failed checks at `inter 2s` to mark them DOWN.
    const deadline = Date.now() + 15_000;
    let seen: Record<string, number> = {};
    while (Date.now() < deadline) {
      seen = await hits(frontend, 4);
      if (seen["shop-b-1"] === 4) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen).toEqual({ "shop-b-1": 4 });
    await fleet.reset();
  });
});
