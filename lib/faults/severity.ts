import type { Severity } from "@/lib/generated/prisma/client";
import type { PoolRole } from "@/lib/status/vocabulary";

/**
 * Severity of an instance's DOWN fault, whoever observed it: SEV3 while its pool takes traffic
 * (ACTIVE), SEV4 on a standby pool. (A degraded instance is always SEV4, a whole service down SEV1.)
 */
export function instanceFaultSeverity(poolRole: PoolRole): Severity {
  return poolRole === "ACTIVE" ? "SEV3" : "SEV4";
}
