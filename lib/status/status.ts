import type { AdminState, Health } from "./vocabulary";

/**
 * Faultline's status language, shared by API and UI. Admin states an operator set (DRAIN, MAINT)
 * win over observed health, because they explain why an instance takes no traffic.
 */
export const STATUSES = ["UP", "DEGRADED", "DOWN", "UNKNOWN", "DRAIN", "MAINT"] as const;
export type Status = (typeof STATUSES)[number];

/** An instance's status from its desired admin state and observed health. */
export function instanceStatus(admin: AdminState, health: Health): Status {
  if (admin === "MAINT") return "MAINT";
  if (admin === "DRAIN") return "DRAIN";
  return health;
}

/**
 * A pool's status from its instances' statuses: DOWN when no instance serves, UP when every
 * serving-eligible instance is UP, DEGRADED in between, UNKNOWN before any check concluded.
 * Drained and maintenance instances are out of rotation on purpose and do not count against it.
 */
export function poolStatus(statuses: Status[]): Status {
  const inRotation = statuses.filter((s) => s !== "DRAIN" && s !== "MAINT");
  if (statuses.length === 0) return "UNKNOWN";
  if (inRotation.length === 0) return statuses.every((s) => s === "MAINT") ? "MAINT" : "DRAIN";
  const serving = inRotation.filter((s) => s === "UP" || s === "DEGRADED").length;
  if (inRotation.every((s) => s === "UNKNOWN")) return "UNKNOWN";
  if (serving === 0) return inRotation.some((s) => s === "UNKNOWN") ? "UNKNOWN" : "DOWN";
  if (inRotation.every((s) => s === "UP")) return "UP";
  return "DEGRADED";
}

/** A service is as healthy as its ACTIVE pool(s): that is what serves its traffic. */
export function serviceStatus(activePoolStatuses: Status[]): Status {
  if (activePoolStatuses.length === 0) return "UNKNOWN";
  if (activePoolStatuses.length === 1) return activePoolStatuses[0]!;
  return poolStatus(activePoolStatuses);
}
