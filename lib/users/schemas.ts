import { z } from "zod";
import { Reason } from "@/lib/audit/reason";
import { RoleSchema } from "@/lib/auth/roles";

const Password = z.string().min(10, "must be at least 10 characters").max(128);

export const CreateUserInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  role: RoleSchema,
  /** Omit to have one generated and shown once. */
  password: Password.optional(),
  /** The admin knows the password, so by default the user must change it at first sign-in; false for accounts a team shares deliberately (automation signs in with tokens instead). */
  mustChangePassword: z.boolean().default(true),
  reason: Reason,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean().optional(), reason: Reason })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: "give role and/or disabled", path: ["role"] });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const FirstAdminInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100).default("Administrator"),
  password: Password,
});
export type FirstAdminInput = z.infer<typeof FirstAdminInput>;

export const ChangePasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, "give your current password").max(128),
    newPassword: Password,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "must differ from the current password", path: ["newPassword"] });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
