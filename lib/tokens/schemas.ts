import { z } from "zod";
import { RoleSchema } from "@/lib/auth/roles";
import { Reason } from "@/lib/audit/reason";

export const CreateTokenInput = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lowercase letters, digits, '.', '_' or '-' (max 63)"),
  role: RoleSchema,
  /** Omit for a token that never expires. */
  expiresInDays: z.int().min(1).max(3650).optional(),
  reason: Reason,
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

export const RevokeTokenInput = z.object({ reason: Reason }).default({});
