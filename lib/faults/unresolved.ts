import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one spelling of "unresolved fault" in queries: spread it into a `where`
 * (`{ fingerprint, ...UNRESOLVED }`). Every status but RESOLVED, listed as `IN (...)` rather than
 * `<> 'RESOLVED'`: PostgreSQL can use an index on `status` for an IN list, not for `<>`.
 * (The partial unique index on open fingerprints keeps its `<> 'RESOLVED'` predicate — see
 * open-fault.ts.)
 */
export const UNRESOLVED = { status: { in: ["OPEN", "ACKNOWLEDGED"] } } satisfies Prisma.FaultWhereInput;
