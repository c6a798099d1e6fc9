import { hashPassword, verifyPassword } from "better-auth/crypto";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { targetKey } from "@/lib/audit/catalogue";
import type { Db } from "@/lib/db/client";
import { AppError, notFound, rateLimited } from "@/lib/errors/app-error";
import type { ChangePasswordInput } from "./schemas";

/** Wrong current passwords per account within the window before 429. */
const MAX_WRONG_CURRENT = 10;
const GUESS_WINDOW_MS = 15 * 60_000;

/**
 * A signed-in person changes their own password: the current one is checked, the new hash, the
 * cleared "must change" flag, the end of their other sessions and the audit entry are one
 * transaction — a crash leaves either the old password in force or all of it done. Neither
 * password is ever in the audit entry (before/after say only whether a change was pending).
 */
export async function changeOwnPassword(
  db: Db,
  ctx: AuditContext,
  who: { userId: string; sessionId?: string },
  input: ChangePasswordInput,
): Promise<{ otherSessionsEnded: number }> {
  // A stolen session must not become a way to guess the password: the audit log counts the misses.
  const since = new Date(Date.now() - GUESS_WINDOW_MS);
  const misses = await db.auditEntry.count({
    where: { action: "user.password_change", target: targetKey({ kind: "user", id: who.userId }), result: "FAILED", at: { gte: since } },
  });
  if (misses >= MAX_WRONG_CURRENT) throw rateLimited("too many wrong current passwords: try again in 15 minutes", GUESS_WINDOW_MS / 1000);
  return audited(db, ctx, { action: "user.password_change", target: { kind: "user", id: who.userId, name: ctx.actor.name } }, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: who.userId }, select: { mustChangePassword: true } });
    const account = await tx.account.findFirst({ where: { userId: who.userId, providerId: "credential" } });
    if (!user || !account?.password) throw notFound("password sign-in for this account");
    if (!(await verifyPassword({ hash: account.password, password: input.currentPassword }))) {
      throw new AppError("VALIDATION", "currentPassword: not your current password", "currentPassword");
    }
    await tx.account.update({ where: { id: account.id }, data: { password: await hashPassword(input.newPassword) } });
    await tx.user.update({ where: { id: who.userId }, data: { mustChangePassword: false } });
    // Whoever else held a session on the old password is signed out; this browser stays in.
    const ended = await tx.session.deleteMany({ where: { userId: who.userId, ...(who.sessionId ? { id: { not: who.sessionId } } : {}) } });
    return {
      value: { otherSessionsEnded: ended.count },
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false, otherSessionsEnded: ended.count },
    };
  });
}
