import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { UpdateUserInput } from "./schemas";
import { toUserView, type UserView } from "./view";

/**
 * Change a user's role and/or disable/enable them. Disabling deletes their sessions at once.
 * Refuses to leave Faultline without an enabled admin.
 */
export async function updateUser(db: Db, ctx: AuditContext, id: string, input: UpdateUserInput): Promise<UserView> {
  return audited(db, ctx, { action: "user.update", target: { kind: "user", id }, reason: input.reason }, async (tx) => {
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw notFound("user");
    const before = toUserView(current);
    const disabledAt = input.disabled === undefined ? current.disabledAt : input.disabled ? (current.disabledAt ?? new Date()) : null;
    const role = input.role ?? current.role;
    if (current.role === "ADMIN" && (role !== "ADMIN" || disabledAt)) {
      // Lock the admin set so two concurrent demotions can't both pass this check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7345022001)`;
      const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: id } } });
      if (others === 0) throw new AppError("CONFLICT", "this is the last enabled admin: make another admin first", input.role ? "role" : "disabled");
    }
    const updated = await tx.user.update({ where: { id }, data: { role, disabledAt } });
    if (disabledAt && !current.disabledAt) await tx.session.deleteMany({ where: { userId: id } });
    const after = toUserView(updated);
    return { value: after, before, after, target: { kind: "user", id, name: updated.email } };
  });
}
