import { commands } from "./haproxy/commands";
import { RuntimeApiError, type RuntimeClient } from "./haproxy/runtime-client";
import { mergeSnapshot, type ServerSnapshot } from "./haproxy/snapshot";

/** Every server HAProxy has, with status, weight, admin state, check and counters. */
export async function readServers(client: RuntimeClient): Promise<ServerSnapshot[]> {
  const [stat, state] = await Promise.all([client.show(commands.showStat()), client.show(commands.showServersState())]);
  try {
    return mergeSnapshot(stat, state);
  } catch (err) {
    // Not HAProxy's answer (another service on that address?): a 502 naming it, not a 500.
    throw new RuntimeApiError("BAD_GATEWAY", `${client.label} did not answer like a HAProxy Runtime API: ${(err as Error).message}`);
  }
}

export const serverKey = (backend: string, server: string) => `${backend}/${server}`;

/** Index a snapshot by `backend/server`. */
export const byServer = (snapshot: ServerSnapshot[]) => new Map(snapshot.map((s) => [serverKey(s.backend, s.server), s]));
