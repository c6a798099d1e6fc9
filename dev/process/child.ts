import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/** Spawn a child that inherits stdio unless told otherwise; resolves nothing, just starts it. */
export function startChild(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(cmd, args, { stdio: "inherit", ...opts });
}

/** Resolves with the exit code when `child` exits (null when killed by a signal). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * Ask a child to stop with `signal`, escalating to SIGKILL after `graceMs`. Resolves when it is
 * gone. Only ever signals the child we started, by its handle.
 */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}

/** Run a command to completion; rejects with its exit code on failure. */
export async function runToEnd(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  const code = await exited(startChild(cmd, args, opts));
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}`);
}
