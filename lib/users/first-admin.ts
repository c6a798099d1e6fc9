import { audited, type AuditContext } from "@/lib/audit/audited";
import { NEW_ID } from "@/lib/audit/catalogue";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { insertUser } from "./insert-user";
import type { FirstAdminInput } from "./schemas";
import { toUserView, type UserView } from "./view";

const alreadySetUp = () => new AppError("CONFLICT", "Faultline is already set up: sign in instead");

/** True until the first user exists (the console then offers the one-time setup page). */
export async function setupNeeded(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * Create the first admin — only while no user exists. Serialised by an advisory lock so two
 * browsers (or replicas with FAULTLINE_ADMIN_EMAIL) can't both create one.
 */
export async function createFirstAdmin(db: Db, ctx: AuditContext, input: FirstAdminInput): Promise<UserView> {
  // Once set up, refuse before writing anything: the caller is anonymous and names itself, and
  // the audit log is append-only — it must not grow on anyone's unauthenticated request. The
  // locked re-check below settles a race while setup is still open (that loser is audited).
  if (!(await setupNeeded(db))) throw alreadySetUp();
  return audited(db, ctx, { action: "setup.create_admin", target: { kind: "user", id: NEW_ID, name: input.email } }, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7345022002)`;
    if ((await tx.user.count()) > 0) throw alreadySetUp();
    const user = toUserView(await insertUser(tx, { ...input, role: "ADMIN" }));
    return { value: user, after: user, target: { kind: "user", id: user.id, name: user.email } };
  });
}
