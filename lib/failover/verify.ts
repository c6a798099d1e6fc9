import type { ServerSnapshot } from "@/lib/balancer/haproxy/snapshot";

export interface VerifyTarget {
  name: string;
  backend: string;
  server: string;
}

/**
 * Whether HAProxy shows the failover done: at least one target server UP, READY and weighted
 * (serving), and every drained source server in DRAIN (or MAINT). Pure; the message says what
 * is still missing, or what was seen.
 */
export function checkFailover(snapshot: Map<string, ServerSnapshot>, targets: VerifyTarget[], drained: VerifyTarget[]): { ok: boolean; message: string } {
  const get = (t: VerifyTarget) => snapshot.get(`${t.backend}/${t.server}`);
  const serving = targets.filter((t) => get(t)?.serving);
  const notDrained = drained.filter((t) => {
    const s = get(t);
    return !s || s.adminState === "READY";
  });
  const sessions = drained.reduce((n, t) => n + (get(t)?.sessions ?? 0), 0);
  if (serving.length === 0) {
    const seen = targets.map((t) => `${t.name} ${get(t)?.status ?? "missing"}`).join(", ");
    return { ok: false, message: `no target server is serving yet (${seen})` };
  }
  if (notDrained.length > 0) return { ok: false, message: `still READY on HAProxy: ${notDrained.map((t) => t.name).join(", ")}` };
  const finishing = sessions > 0 ? `; ${sessions} in-flight session(s) finishing on the drained servers` : "";
  return {
    ok: true,
    message: `${serving.length}/${targets.length} target server(s) serving (${serving.map((t) => t.name).join(", ")}), ${drained.length} drained${finishing}`,
  };
}

/**
 * The invariant checked before every drain step: after draining `draining`, at least one other
 * server of the service must still be serving on HAProxy (UP, READY, weighted). Pure; null when
 * the drain may go ahead, else why not in the operator's words.
 */
export function drainWouldStrand(snapshot: Map<string, ServerSnapshot>, draining: VerifyTarget, service: VerifyTarget[]): string | null {
  const others = service.filter((t) => !(t.backend === draining.backend && t.server === draining.server));
  if (others.some((t) => snapshot.get(`${t.backend}/${t.server}`)?.serving)) return null;
  const seen = others.map((t) => `${t.name} ${snapshot.get(`${t.backend}/${t.server}`)?.status ?? "missing"}`).join(", ");
  return `refused to drain ${draining.name}: no other server of the service would be serving (${seen || "no other server"})`;
}
