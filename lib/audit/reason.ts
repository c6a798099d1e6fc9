import { z } from "zod";

/**
 * The operator's "why", stored on the audit entry. One spelling for every mutation: optional for
 * routine changes, required (`RequiredReason`) where a reviewer must be told why — traffic
 * changes, failovers, deletes, maintenance.
 */
export const Reason = z.string().trim().max(500).optional();
export const RequiredReason = z.string({ error: "is required" }).trim().min(1, "is required").max(500);
