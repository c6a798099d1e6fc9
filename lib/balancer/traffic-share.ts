import type { AdminState, Health, PoolRole } from "@/lib/status/vocabulary";

export interface ShareInput {
  id: string;
  role: PoolRole;
  weight: number;
  adminState: AdminState;
  /** Health as concluded by the poller; DOWN instances get nothing. */
  health: Health;
}

/**
 * The share of a service's new requests each instance would get (0–1), the way HAProxy's
 * weighted round-robin deals them: READY, not DOWN, weight > 0 instances of the ACTIVE pool
 * share by weight; STANDBY (backup) instances serve only when no active one can.
 */
export function trafficShares(instances: ShareInput[]): Map<string, number> {
  const serving = (i: ShareInput) => i.adminState === "READY" && i.health !== "DOWN" && i.weight > 0;
  const active = instances.filter((i) => i.role === "ACTIVE" && serving(i));
  const pick = active.length > 0 ? active : instances.filter((i) => i.role === "STANDBY" && serving(i));
  const total = pick.reduce((sum, i) => sum + i.weight, 0);
  const shares = new Map(instances.map((i) => [i.id, 0]));
  for (const i of pick) shares.set(i.id, i.weight / total);
  return shares;
}
