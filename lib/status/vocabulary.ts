import type { AdminState as DbAdminState, HealthState as DbHealthState, PoolRole as DbPoolRole } from "@/lib/generated/prisma/enums";

/**
 * The domain's words for an instance and a pool, spelled once. Each list is checked against the
 * Prisma enum in both directions (a value the database lacks fails `satisfies`; a database value
 * missing here fails the `Exhaustive` check), so a schema change cannot drift from the code.
 * Zod-free and type-only on Prisma: browser code may import it.
 */
/** @public Runtime list of the states, for validation and pickers. */
export const ADMIN_STATES = ["READY", "DRAIN", "MAINT"] as const satisfies readonly DbAdminState[];
export type AdminState = (typeof ADMIN_STATES)[number];

/** @public Health as concluded by the threshold state machine (rise/fall), not a single probe. */
export const HEALTH_STATES = ["UNKNOWN", "UP", "DEGRADED", "DOWN"] as const satisfies readonly DbHealthState[];
export type Health = (typeof HEALTH_STATES)[number];

/** @public */
export const POOL_ROLES = ["ACTIVE", "STANDBY"] as const satisfies readonly DbPoolRole[];
export type PoolRole = (typeof POOL_ROLES)[number];

type Exhaustive<Db, Ours> = [Exclude<Db, Ours>] extends [never] ? true : never;
const matchesSchema: [Exhaustive<DbAdminState, AdminState>, Exhaustive<DbHealthState, Health>, Exhaustive<DbPoolRole, PoolRole>] = [true, true, true];
void matchesSchema;
