import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../support/databases";
import { startNextServer, stopServer, waitUntilServing, type ServerRun } from "../../support/next-server";
import { makeTempDir, removeDir } from "../../support/temp-dir";

const run = promisify(execFile);

/** `faultline plan|apply|export` against the built server: what an operator's terminal sees. */
describe("faultline CLI", () => {
  let db: TestDatabase;
  let server: ServerRun;
  let dir: string;
  const token = "flt_fleet_cli_test_bootstrap_token_00000001";
  const cli = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ["scripts/faultline.mjs", ...args], {
        env: { ...process.env, FAULTLINE_URL: server.base, FAULTLINE_TOKEN: token },
        cwd: process.cwd(),
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    dir = await makeTempDir("cli");
    db = await freshDatabase(inject("pg18AdminUrl"), "fleet_cli");
    server = await startNextServer({ DATABASE_URL: db.url, FAULTLINE_BOOTSTRAP_TOKEN: token, FAULTLINE_POLLER: "off" });
    await waitUntilServing(server);
  }, 90_000);
  afterAll(async () => {
    if (server) await stopServer(server);
    await db?.drop();
    await removeDir(dir);
  });

  it("plans, applies, exports; export then plan is 'No changes'; a bad file is one line and exit 1", { timeout: 60_000 }, async () => {
    const file = path.join(dir, "faultline.yaml");
    await fs.writeFile(
      file,
      "version: 1\nservices:\n  - name: cart\n    pools:\n      - name: cart-a\n        role: ACTIVE\n        instances:\n          - { name: cart-a-1, address: '127.0.0.1:41001', check: { kind: HTTP, path: /health } }\n",
    );
    const plan = await cli("plan", "-f", file);
    expect(plan).toMatchObject({ code: 0 });
    expect(plan.stdout).toContain("+ create instance cart-a-1 (cart/cart-a)");
    expect(plan.stdout).toContain("3 changes planned.");

    expect((await cli("apply", "-f", file)).stderr.trim()).toBe("faultline: apply needs --reason TEXT (it goes to the audit log)");
    const apply = await cli("apply", "-f", file, "--reason", "from git");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("3 changes applied.");

    const exported = await cli("export");
    expect(exported.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    await fs.writeFile(path.join(dir, "exported.yaml"), exported.stdout);
    expect((await cli("plan", "-f", path.join(dir, "exported.yaml"))).stdout.trim()).toBe("No changes. The fleet matches the file.");

    await fs.writeFile(path.join(dir, "bad.yaml"), "version: 1\nservices:\n  - name: cart\n    pools:\n      - name: cart-a\n        role: PRIMARY\n");
    const bad = await cli("plan", "-f", path.join(dir, "bad.yaml"));
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toEqual(["faultline: VALIDATION: bad.yaml:6:15 services[0].pools[0].role: must be ACTIVE or STANDBY"]);

    const schema = JSON.parse((await cli("schema")).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(["services", "version"]);
  });
});
