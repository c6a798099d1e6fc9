import { clientFor } from "./client-for";
import { readServers } from "./read-servers";
import type { BalancerProbeView } from "./views";

/** Connect to a Runtime API address and report HAProxy's version and backends (nothing stored). */
export async function probeBalancer(runtimeApi: string): Promise<BalancerProbeView> {
  const client = clientFor({ runtimeApi });
  const info = await client.show("show info");
  const version = /^Version: (.+)$/m.exec(info)?.[1]?.trim() ?? "unknown";
  const servers = await readServers(client);
  const backends = new Map<string, { name: string; servers: number; backups: number }>();
  for (const s of servers) {
    const b = backends.get(s.backend) ?? { name: s.backend, servers: 0, backups: 0 };
    b.servers++;
    if (s.backup) b.backups++;
    backends.set(s.backend, b);
  }
  return { ok: true, version, backends: [...backends.values()] };
}
