import type { ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { exited, runToEnd, startChild } from "@/dev/process/child";

const NEXT_BIN = path.resolve("node_modules/.bin/next");
const SOURCES = ["app", "components", "lib", "instrumentation.ts", "next.config.js", "package.json", "package-lock.json", "postcss.config.mjs"];

async function newestMtime(p: string): Promise<number> {
  const st = await fs.stat(p).catch(() => undefined);
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  const entries = await fs.readdir(p, { withFileTypes: true });
  const times = await Promise.all(entries.filter((e) => e.name !== "generated").map((e) => newestMtime(path.join(p, e.name))));
  return Math.max(st.mtimeMs, ...times);
}

/** True when there is no production build or a source file changed after it. */
export async function needsBuild(): Promise<boolean> {
  const built = await fs.stat(".next/BUILD_ID").then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (!built) return true;
  const times = await Promise.all(SOURCES.map(newestMtime));
  return Math.max(...times) > built;
}

export async function buildNext(): Promise<void> {
  await runToEnd(NEXT_BIN, ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * Start `next start` on loopback; Faultline's own shutdown hooks handle signals. It gets its own
 * process group so a terminal Ctrl-C reaches only the demo, which then stops the server in
 * order (poller → writes → PostgreSQL) instead of everything at once.
 */
export function startNext(port: number, env: Record<string, string | undefined>): ChildProcess {
  return startChild(NEXT_BIN, ["start", "--hostname", "127.0.0.1", "--port", String(port)], {
    // PORT: the server's own links (notifications) name the port it serves on.
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "1" },
    detached: true,
  });
}

/** Poll /api/v1/status until it answers ok, or the child exits (its one-line error is already printed). */
export async function waitReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const gone = exited(child).then((code) => ({ code }));
  while (Date.now() < deadline) {
    const res = await Promise.race([
      fetch(`${baseUrl}/api/v1/status`).then(
        (r) => (r.ok ? "ready" : "wait"),
        () => "wait",
      ),
      gone,
    ]);
    if (res === "ready") return;
    if (typeof res === "object") throw new Error(`the server exited (code ${res.code}) before it was ready`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become ready within ${timeoutMs / 1000} s`);
}
