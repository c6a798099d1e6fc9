import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "@/lib/net/free-port";

export interface ServerRun {
  child: ChildProcess;
  base: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Start the production server (`next start`, needs a prior `next build`) with extra env. */
export async function startNextServer(env: Record<string, string>): Promise<ServerRun> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first (npm test does)");
  const port = await freePort();
  let out = "";
  let err = "";
  const child = spawn("node_modules/.bin/next", ["start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "1", LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, base: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err, exit };
}

/** Poll /api/v1/status until it answers 200, the process exits, or time runs out. */
export async function waitUntilServing(run: ServerRun, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`server exited ${run.child.exitCode}: ${run.stderr()}`);
    const res = await fetch(`${run.base}/api/v1/status`).catch(() => undefined);
    if (res?.ok) return (await res.json()) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not serving after ${timeoutMs} ms: ${run.stderr()}`);
}

/** SIGTERM the server and wait for it to exit (SIGKILL after the grace period). */
export async function stopServer(run: ServerRun, graceMs = 20_000): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  run.child.kill("SIGTERM");
  const timer = setTimeout(() => run.child.kill("SIGKILL"), graceMs);
  const code = await run.exit;
  clearTimeout(timer);
  return code;
}
