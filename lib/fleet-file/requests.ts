import { z } from "zod";
import { RequiredReason } from "@/lib/audit/reason";

/** The fleet file travels as text (YAML or JSON), so errors can point at its lines. */
const FileText = z.string({ error: "must be the fleet file's text (YAML or JSON)" }).max(20_000_000, "must be at most 20 MB");

export const PlanRequest = z.strictObject({
  file: FileText,
  /** Shown in error positions (`faultline.yaml:12:9`). */
  filename: z.string().max(200).optional(),
  prune: z.boolean().default(false),
});

export const ApplyRequest = PlanRequest.extend({
  /** The `version` a plan returned: apply refuses (409) if the fleet changed since. */
  expectedVersion: z.string().max(64).optional(),
  reason: RequiredReason,
});
