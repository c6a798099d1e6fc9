import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Runs `scripts/fleet.ts` as a real process (node + tsx loader, no npm wrapper, so signals reach it). */

const ROOT = join(import.meta.dirname, "../..");
const HOST = "127.0.0.1";

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runCli(args: string[]): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/fleet.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, FLEET_CONTROL_PORT: undefined, INIT_CWD: ROOT },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(ms: number, what: string, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `count` free ports in 20000–29999 (held while probing so they differ). */
async function freePorts(count: number): Promise<number[]> {
  const held = [];
  for (let attempt = 0; held.length < count && attempt < 500; attempt++) {
    const server = createServer();
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (await new Promise<boolean>((resolve) => server.once("error", () => resolve(false)).listen(port, HOST, () => resolve(true)))) {
      held.push({ server, port });
    }
  }
  await Promise.all(held.map(({ server }) => new Promise((resolve) => server.close(resolve))));
  if (held.length < count) throw new Error("no free ports");
  return held.map(({ port }) => port);
}

describe("npm run fleet (scripts/fleet.ts)", () => {
  let dir: string;
  const runs: Run[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleet-cli-"));
  });

  afterAll(async () => {
    // Leave no process behind, whatever failed above.
    for (const run of runs) {
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill("SIGKILL");
        await run.exit;
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("prints --help", async () => {
    const run = runCli(["--help"]);
    runs.push(run);
    expect((await within(20_000, "exit", run.exit)).code).toBe(0);
    expect(run.stdout()).toContain("Usage: npm run fleet");
    expect(run.stdout()).toContain("scripts/demo-fleet.yaml");
  });

  it("rejects a bad fleet file with one line on stderr and exit 1", async () => {
    const file = join(dir, "bad.yaml");
    await writeFile(
      file,
      "services:\n  - name: a\n    pools:\n      - name: p\n        role: ACTIVE\n        instances:\n          - { name: a-1, port: 70000 }\n",
    );
    const run = runCli([file]);
    runs.push(run);
    expect((await within(20_000, "exit", run.exit)).code).toBe(1);
    expect(run.stderr()).toBe(`fleet: ${file}: services[0].pools[0].instances[0].port: must be ≤ 65535\n`);
  });

  it("serves the fleet and stops cleanly on SIGTERM", async () => {
    const [a, b, controlPort] = await freePorts(3);
    const file = join(dir, "good.yaml");
    await writeFile(
      file,
      `services:\n  - name: s\n    pools:\n      - name: p\n        role: ACTIVE\n        instances:\n          - { name: s-1, port: ${a} }\n          - { name: s-2, port: ${b} }\n`,
    );
    const run = runCli([file, "--control-port", String(controlPort)]);
    runs.push(run);
    await waitFor(20_000, "the banner", () => run.stdout().includes("Ctrl-C to stop.") || run.child.exitCode !== null);
    expect(run.stderr()).toBe("");
    expect(run.stdout()).toContain(`s-1  http://${HOST}:${a}  s/p (ACTIVE)`);
    expect(run.stdout()).toContain(`control API: http://${HOST}:${controlPort}`);
    expect((await fetch(`http://${HOST}:${b}/healthz`)).status).toBe(200);
    const list = await fetch(`http://${HOST}:${controlPort}/instances`);
    expect(((await list.json()) as unknown[]).length).toBe(2);

    run.child.kill("SIGTERM");
    expect(await within(10_000, "exit after SIGTERM", run.exit)).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain("stopped.");
  });
});
