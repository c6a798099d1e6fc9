import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";

/** One line describing the machine the figures come from. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}, load average at start ${load}`;
}

let clockTicks: number | undefined;
/** Kernel clock ticks per second (the unit of /proc CPU times). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime (own CPU). */
  own: number;
  /** cutime + cstime (reaped children's CPU). */
  children: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may itself contain spaces and parentheses.
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by a process tree of depth one: the root (including its reaped
 * children) plus its live children. Monotonic: a child that exits moves into the root's share.
 */
export function treeCpuSeconds(rootPid: number): number {
  const root = readStat(rootPid);
  if (!root) return Number.NaN;
  let ticks = root.own + root.children;
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === rootPid) continue;
    const s = readStat(pid);
    if (s?.ppid === rootPid) ticks += s.own;
  }
  return ticks / ticksPerSecond();
}

/** CPU seconds used so far by one process (own time only). */
export function processCpuSeconds(pid: number): number {
  const s = readStat(pid);
  return s ? s.own / ticksPerSecond() : Number.NaN;
}

/** The postmaster's pid from `<pgDir>/postmaster.pid`. */
export function postmasterPid(pgDir: string): number {
  return Number(readFileSync(`${pgDir}/postmaster.pid`, "utf8").split("\n")[0]);
}

/**
 * Seconds the main thread of `pid` has spent runnable but waiting for a CPU (second field of
 * /proc/<pid>/schedstat): how much of a lag figure is the machine being busy with other work.
 */
export function runQueueWaitSeconds(pid = process.pid): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}
