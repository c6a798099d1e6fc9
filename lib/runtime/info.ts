import type { DbMode } from "@/lib/db/start";

export interface RuntimeInfo {
  dbMode: DbMode;
  envName: string;
  startedAt: Date;
}

const g = globalThis as typeof globalThis & { __faultlineRuntime?: RuntimeInfo };

/** Facts the boot step learned (shared with route handlers through globalThis). */
export function runtimeInfo(): RuntimeInfo | undefined {
  return g.__faultlineRuntime;
}

export function setRuntimeInfo(info: RuntimeInfo): void {
  g.__faultlineRuntime = info;
}
