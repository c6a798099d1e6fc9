import type { Db } from "@/lib/db/client";
import type { PollerFigures, RunningPoller } from "./poller";

const KEY = "poller.figures";

const g = globalThis as typeof globalThis & { __faultlinePoller?: RunningPoller };

/** The poller running in this process, if any (route handlers and instrumentation share it). */
const localPoller = () => g.__faultlinePoller;
export const setLocalPoller = (p: RunningPoller | undefined) => {
  g.__faultlinePoller = p;
};

/** Publish figures so a server whose poller runs in a separate worker can still show them. */
export async function publishFigures(db: Db, f: PollerFigures): Promise<void> {
  const value = JSON.stringify(f);
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
}

/** This process's figures, else the latest a worker published (null when none ran). */
export async function currentFigures(db: Db): Promise<(PollerFigures & { source: "local" | "worker"; stale: boolean }) | null> {
  const local = localPoller();
  if (local) return { ...local.figures(), source: "local", stale: false };
  const row = await db.setting.findUnique({ where: { key: KEY } });
  if (!row) return null;
  const f = JSON.parse(row.value) as PollerFigures;
  return { ...f, source: "worker", stale: Date.now() - row.updatedAt.getTime() > 15_000 };
}
