import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { AppError } from "@/lib/errors/app-error";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { db } from "@/lib/db/client";
import { changeOwnPassword } from "@/lib/users/change-password";
import { ChangePasswordInput } from "@/lib/users/schemas";

/** Change your own password (signed-in people; API tokens have none). Audited as user.password_change. */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "VIEWER", { duringPasswordChange: true });
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "API tokens have no password: sign in as the person whose password this is");
  const input = await parseBody(ChangePasswordInput, req);
  return ok(await changeOwnPassword(db(), auditContext(req, actor), { userId: actor.id, sessionId: actor.sessionId }, input));
});
