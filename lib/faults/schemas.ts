import { z } from "zod";
import { INT4_MAX, IsoTime, numericCursor } from "@/lib/http/fields";
import { Reason } from "@/lib/audit/reason";
import { FAULT_STATUSES, FAULT_TYPES, SEVERITIES } from "./enums";

const csvEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

export const FaultListQuery = z.object({
  /** One or several, comma-separated: `OPEN,ACKNOWLEDGED`. */
  status: csvEnum(FAULT_STATUSES).optional(),
  type: csvEnum(FAULT_TYPES).optional(),
  severity: csvEnum(SEVERITIES).optional(),
  serviceId: z.uuid().optional(),
  instanceId: z.uuid().optional(),
  /** Faults active in [from, to]: started before `to` and not resolved before `from`. */
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  /** Text search in key, cause, resolution, service and instance names. */
  q: z.string().trim().max(200).optional(),
  /** `true`: only faults with a postmortem; `false`: only those without. */
  postmortem: z.enum(["true", "false"]).optional(),
  cursor: numericCursor(INT4_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type FaultListQuery = z.infer<typeof FaultListQuery>;

export const ActionItem = z.object({ text: z.string().trim().min(1, "say what is to be done").max(500), done: z.boolean().default(false) });
export type ActionItem = z.infer<typeof ActionItem>;

export const FaultPatch = z
  .object({
    status: z.enum(["ACKNOWLEDGED", "RESOLVED", "OPEN"]).optional(),
    severity: z.enum(SEVERITIES).optional(),
    cause: z.string().trim().min(1).max(4000).optional(),
    resolution: z.string().trim().min(1).max(4000).optional(),
    /** A timeline note (no field change needed). */
    note: z.string().trim().min(1).max(4000).optional(),
    // Postmortem (null or "" clears a field).
    impactSummary: z.string().trim().max(4000).nullable().optional(),
    /** A RootCauseCategory name (GET /api/v1/root-cause-categories). */
    rootCauseCategory: z.string().trim().max(40).nullable().optional(),
    actionItems: z.array(ActionItem).max(50).optional(),
    reason: Reason,
  })
  .refine((p) => Object.entries(p).some(([k, v]) => k !== "reason" && v !== undefined), { message: "nothing to change", path: ["status"] });
export type FaultPatch = z.infer<typeof FaultPatch>;

export const NewManualFault = z.object({
  serviceId: z.uuid(),
  instanceId: z.uuid().optional(),
  type: z.enum(FAULT_TYPES).default("MANUAL"),
  severity: z.enum(SEVERITIES).default("SEV3"),
  startedAt: IsoTime.optional(),
  cause: z.string().trim().min(1).max(4000),
  reason: Reason,
});
export type NewManualFault = z.infer<typeof NewManualFault>;
