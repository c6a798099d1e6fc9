import { audited, type AuditContext } from "@/lib/audit/audited";
import { NEW_ID } from "@/lib/audit/catalogue";
import type { Db } from "@/lib/db/client";
import { generatePassword, insertUser } from "./insert-user";
import type { CreateUserInput } from "./schemas";
import { toUserView, type UserView } from "./view";

/**
 * Admin creates an account; without a password one is generated and returned once. Either way the
 * password is one the admin knows, so the new user must change it at first sign-in (unless the
 * admin says otherwise with `mustChangePassword: false`).
 */
export async function createUser(db: Db, ctx: AuditContext, input: CreateUserInput): Promise<{ user: UserView; temporaryPassword: string | null }> {
  const password = input.password ?? generatePassword();
  return audited(db, ctx, { action: "user.create", target: { kind: "user", id: NEW_ID, name: input.email }, reason: input.reason }, async (tx) => {
    const user = toUserView(await insertUser(tx, { ...input, password }));
    return { value: { user, temporaryPassword: input.password ? null : password }, after: user, target: { kind: "user", id: user.id, name: user.email } };
  });
}
