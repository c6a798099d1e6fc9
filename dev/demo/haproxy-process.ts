import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { runToEnd, startChild, stopChild } from "@/dev/process/child";

/** Path of the haproxy binary, or undefined. */
function findHaproxy(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v haproxy"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The haproxy binary, or an error saying how to install it (tests and benchmarks need it). */
export function requireHaproxy(): string {
  const bin = findHaproxy();
  if (!bin) throw new Error("haproxy not installed: apt-get install -y haproxy (.ci/run does this)");
  return bin;
}

const isRootOnDebian = async () =>
  process.getuid?.() === 0 &&
  (await fs.stat("/etc/debian_version").then(
    () => true,
    () => false,
  ));

/**
 * Find HAProxy; as root on Debian install it with apt. Returns the binary, or undefined with the
 * reason printed (the demo then runs without a balancer).
 */
export async function ensureHaproxy(say: (line: string) => void): Promise<string | undefined> {
  const found = findHaproxy();
  if (found) return found;
  if (await isRootOnDebian()) {
    say("HAProxy not found: installing Debian's haproxy package (apt-get)…");
    try {
      await runToEnd("apt-get", ["update", "-qq"], { stdio: "ignore" });
      await runToEnd("apt-get", ["install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "haproxy"], {
        stdio: "ignore",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
      return findHaproxy();
    } catch (err) {
      say(`HAProxy install failed (${(err as Error).message}); continuing without a balancer.`);
      return undefined;
    }
  }
  say("HAProxy not found: install it with `sudo apt-get install -y haproxy` (Debian/Ubuntu) to get a balancer; continuing without one.");
  return undefined;
}

export interface HaproxyProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitForSocket(socket: string, timeoutMs: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with code ${child.exitCode}: ${stderr().trim().split("\n").slice(-3).join(" | ")}`);
    const okNow = await new Promise<boolean>((resolve) => {
      const c = net.createConnection(socket, () => {
        c.end();
        resolve(true);
      });
      c.on("error", () => resolve(false));
    });
    if (okNow) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`haproxy runtime socket ${socket} did not appear within ${timeoutMs} ms`);
}

/**
 * Start our own HAProxy (master-worker, foreground) on a generated config: never the system
 * service. Resolves when its Runtime API socket answers.
 */
export async function startHaproxy(bin: string, dir: string, config: string, runtimeSocket: string): Promise<HaproxyProcess> {
  await fs.mkdir(dir, { recursive: true });
  const cfg = path.join(dir, "haproxy.cfg");
  await fs.writeFile(cfg, config);
  await fs.rm(runtimeSocket, { force: true });
  const check = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const c = startChild(bin, ["-c", "-q", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    c.stdout?.on("data", (d) => (out += d));
    c.stderr?.on("data", (d) => (out += d));
    c.on("exit", (code) => resolve({ code, out }));
  });
  if (check.code !== 0) throw new Error(`generated HAProxy config is invalid: ${check.out.trim().split("\n")[0]}`);
  const child = startChild(bin, ["-W", "-S", path.join(dir, "master.sock"), "-f", cfg, "-p", path.join(dir, "haproxy.pid")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const log = await fs.open(path.join(dir, "haproxy.log"), "a");
  // The last few KB of stderr go into the startup error: "cannot bind socket" must be visible in CI.
  let tail = "";
  child.stderr?.on("data", (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4096);
    void log.write(d).catch(() => undefined);
  });
  try {
    await waitForSocket(runtimeSocket, 10_000, child, () => tail);
  } catch (err) {
    await stopChild(child, "SIGTERM", 3_000);
    throw err;
  }
  return {
    child,
    async stop() {
      // SIGUSR1 = soft stop (finish in-flight requests); escalates if it hangs.
      await stopChild(child, "SIGUSR1", 5_000);
      await log.close().catch(() => undefined);
    },
  };
}
