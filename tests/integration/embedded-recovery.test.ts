import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runningPostmaster } from "@/lib/db/embedded/orphan";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded/server";
import { makeTempDir, removeDir } from "../support/temp-dir";

function startChild(dataDir: string, marker: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/embedded-child.ts", dataDir, marker], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => String(d).includes("READY") && resolve(child));
    child.on("exit", (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

describe("embedded PostgreSQL lifecycle", () => {
  let dir: string;
  let server: EmbeddedServer | undefined;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await makeTempDir("embedded");
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await server?.stop();
    // A postmaster a child left behind must not outlive the test either.
    const orphan = await runningPostmaster(path.join(dir, "pg"));
    if (orphan) process.kill(orphan, "SIGINT");
    await removeDir(dir);
  });

  it("keeps the password file private and writes connection details without the secret", async () => {
    const child = await startChild(dir, "first");
    children.push(child);
    const pw = await fs.stat(path.join(dir, "pg-password"));
    expect(pw.mode & 0o777).toBe(0o600);
    const conn = JSON.parse(await fs.readFile(path.join(dir, "pg-connection.json"), "utf8"));
    expect(conn).toMatchObject({ host: "127.0.0.1", user: "faultline", database: "faultline", ownerPid: child.pid });
    expect(JSON.stringify(conn)).not.toContain((await fs.readFile(path.join(dir, "pg-password"), "utf8")).trim());
  });

  it("refuses to take over a database another live Faultline process runs", async () => {
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toThrow(/another Faultline process \(pid \d+\)/);
  });

  it("after kill -9 of its owner, the next start stops the orphaned postmaster and keeps every record", async () => {
    const child = children[0]!;
    const orphan = await runningPostmaster(path.join(dir, "pg"));
    expect(orphan).toBeGreaterThan(0);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(await runningPostmaster(path.join(dir, "pg"))).toBe(orphan); // still running: orphaned

    server = await startEmbeddedPostgres({ dataDir: dir });
    const now = await runningPostmaster(path.join(dir, "pg"));
    expect(now).toBeGreaterThan(0);
    expect(now).not.toBe(orphan);

    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    const { rows } = await c.query("SELECT v FROM marker");
    await c.end();
    expect(rows.map((r) => r.v)).toEqual(["first"]);
  });

  it("stop() shuts the cluster down and removes its pid file", async () => {
    await server!.stop();
    server = undefined;
    expect(await runningPostmaster(path.join(dir, "pg"))).toBeUndefined();
  });
});
