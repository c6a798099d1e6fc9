import { commands } from "./haproxy/commands";
import type { RuntimeClient } from "./haproxy/runtime-client";
import { mergeSnapshot, type ServerSnapshot } from "./haproxy/snapshot";

/** Every server HAProxy has, with status, weight, admin state, check and counters. */
export async function readServers(client: RuntimeClient): Promise<ServerSnapshot[]> {
  const [stat, state] = await Promise.all([client.show(commands.showStat()), client.show(commands.showServersState())]);
  return mergeSnapshot(stat, state);
}

export const serverKey = (backend: string, server: string) => `${backend}/${server}`;

/** Index a snapshot by `backend/server`. */
export const byServer = (snapshot: ServerSnapshot[]) => new Map(snapshot.map((s) => [serverKey(s.backend, s.server), s]));
