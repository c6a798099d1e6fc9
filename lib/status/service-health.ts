/**
 * A service's health as its clients get it — what HAProxy would send traffic to — as a pure core
 * shared by the API view, the service-level faults and (through those) availability.
 *
 * - An instance *serves* when it is enabled, READY (as desired and as HAProxy reports, when it
 *   does), not DOWN by the poller, and — when HAProxy reports it — UP on HAProxy.
 * - A STANDBY instance linked to the same HAProxy backend as an ACTIVE one is a HAProxy `backup`
 *   server (that is how an import maps them): it takes the traffic when no active server can.
 * - DOWN: nothing serves (every instance DOWN, drained or in maintenance) — an outage.
 * - DEGRADED: only backup servers serve, or the active pool serves below full health.
 * - UP otherwise; UNKNOWN before any check concluded.
 */
import { instanceStatus, poolStatus, type Status } from "./status";
import type { AdminState, Health, PoolRole } from "./vocabulary";

export interface HealthInstance {
  name: string;
  role: PoolRole;
  poolName: string;
  enabled: boolean;
  adminState: AdminState;
  /** HAProxy's admin state, when it reports the server. */
  observedAdminState: AdminState | null;
  health: Health;
  /** HAProxy's status words (UP, DOWN, "UP 1/2", MAINT…), when it reports the server. */
  haproxyStatus: string | null;
  haproxyBackend: string | null;
}

export interface ServiceHealth {
  state: Status;
  /** Why, when it is not plainly UP: names what serves or why nothing does. */
  reason: string | null;
  servingActive: number;
  servingBackup: number;
  /** Nothing serves: the instances out of rotation on purpose (drained or in maintenance). */
  outOfRotation: string[];
  /** Nothing serves: how many instances could have (the active ones and their backups). */
  candidates: number;
}

/** The instance row fields the health needs, as stored (HAProxy's only when it has reported). */
export interface InstanceHealthRow {
  name: string;
  enabled: boolean;
  desiredAdminState: AdminState;
  observedAdminState: AdminState | null;
  observedHealth: Health;
  haproxyStatus: string | null;
  haproxySeenAt: Date | null;
  haproxyBackend: string | null;
}

export function healthInstanceOf(i: InstanceHealthRow, pool: { role: PoolRole; name: string }): HealthInstance {
  const seen = i.haproxySeenAt !== null;
  return {
    name: i.name,
    role: pool.role,
    poolName: pool.name,
    enabled: i.enabled,
    adminState: i.desiredAdminState,
    observedAdminState: seen ? i.observedAdminState : null,
    health: i.observedHealth,
    haproxyStatus: seen ? i.haproxyStatus : null,
    haproxyBackend: i.haproxyBackend,
  };
}

/** Whether HAProxy sends new requests to a server in this status ("no check": unchecked, it does). */
export function haproxySends(status: string): boolean {
  return status.startsWith("UP") || status === "no check";
}

function serves(i: HealthInstance): boolean {
  if (!i.enabled || i.adminState !== "READY" || (i.observedAdminState && i.observedAdminState !== "READY")) return false;
  if (i.health === "DOWN") return false;
  if (i.haproxyStatus !== null) return haproxySends(i.haproxyStatus);
  return i.health === "UP" || i.health === "DEGRADED";
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function serviceHealth(instances: readonly HealthInstance[]): ServiceHealth {
  const enabled = instances.filter((i) => i.enabled);
  const active = enabled.filter((i) => i.role === "ACTIVE");
  const activeBackends = new Set(active.map((i) => i.haproxyBackend).filter((b): b is string => b !== null));
  const backups = enabled.filter((i) => i.role === "STANDBY" && i.haproxyBackend !== null && activeBackends.has(i.haproxyBackend));
  const servingActive = active.filter(serves).length;
  const servingBackup = backups.filter(serves).length;
  const base = { servingActive, servingBackup, outOfRotation: [] as string[], candidates: 0 };
  if (active.length === 0) return { ...base, state: "UNKNOWN", reason: null };

  const activeState = poolStatus(active.map((i) => instanceStatus(i.adminState, i.health)));
  if (servingActive > 0) {
    const state: Status = activeState === "UP" || activeState === "DEGRADED" ? activeState : "DEGRADED";
    const reason = state === "UP" ? null : `${servingActive}/${active.length} active instances serving`;
    return { ...base, state, reason };
  }
  // Nothing seen yet (no check concluded, no HAProxy report): not an outage, not known.
  if (activeState === "UNKNOWN" && active.every((i) => i.haproxyStatus === null)) return { ...base, state: "UNKNOWN", reason: null };

  const pools = [...new Set(active.map((i) => i.poolName))].join(", ");
  if (servingBackup > 0) {
    const standby = [...new Set(backups.map((i) => i.poolName))].join(", ");
    return {
      ...base,
      state: "DEGRADED",
      reason: `The active pool ${pools} serves nothing; HAProxy's backup servers of ${standby} serve (${servingBackup}/${backups.length})`,
    };
  }
  const candidates = [...active, ...backups];
  const outOfRotation = candidates.filter((i) => i.adminState !== "READY" || (i.observedAdminState && i.observedAdminState !== "READY")).map((i) => i.name);
  const down = candidates.length - outOfRotation.length;
  const parts = [outOfRotation.length ? `${plural(outOfRotation.length, "instance")} drained or in maintenance` : "", down ? `${down} DOWN` : ""].filter(
    Boolean,
  );
  return {
    ...base,
    outOfRotation,
    candidates: candidates.length,
    state: "DOWN",
    reason: `No instance serving (${candidates.length} that could): ${parts.join(", ")}`,
  };
}
