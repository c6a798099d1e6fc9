import type { AdminState } from "@/lib/status/vocabulary";

export interface Desired {
  weight: number;
  adminState: AdminState;
}

export interface Actual {
  weight: number;
  adminState: AdminState;
}

/**
 * How HAProxy differs from what Faultline wants, in words ("weight 100 → 50 (HAProxy)"), or
 * null when it matches. Pure: the observer decides what to do with it (re-apply or adopt).
 */
export function describeDrift(desired: Desired, actual: Actual): string | null {
  const parts: string[] = [];
  if (desired.weight !== actual.weight) parts.push(`weight: wanted ${desired.weight}, HAProxy has ${actual.weight}`);
  if (desired.adminState !== actual.adminState) parts.push(`state: wanted ${desired.adminState}, HAProxy has ${actual.adminState}`);
  return parts.length ? parts.join("; ") : null;
}

/**
 * The order to send both settings in so no request is dropped: a server coming back gets its
 * weight before it is READY; one leaving is drained/stopped before its weight changes.
 */
export function changeOrder(desired: Desired): Array<"weight" | "state"> {
  return desired.adminState === "READY" ? ["weight", "state"] : ["state", "weight"];
}
