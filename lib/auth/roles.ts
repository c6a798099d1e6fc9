import { z } from "zod";

/** Roles, least to most privileged. viewer: read; operator: act on the fleet; admin: users, tokens, settings. */
export const ROLES = ["VIEWER", "OPERATOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** True when `role` has at least the privileges of `min`. */
export function hasRole(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}
