import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { isSameOriginMutation } from "@/lib/auth/csrf";
import { AppError } from "@/lib/errors/app-error";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { createFirstAdmin, setupNeeded } from "@/lib/users/first-admin";
import { FirstAdminInput } from "@/lib/users/schemas";

/** Whether the one-time "create the admin" step is still open. */
export const GET = route(async () => ok({ needed: await setupNeeded(db()) }));

/** First run only: create the admin. Anonymous by nature, so it must come from our own page. */
export const POST = route(async (req) => {
  if (!isSameOriginMutation(req.method, req.headers)) throw new AppError("FORBIDDEN", "cross-site request refused");
  const input = await parseBody(FirstAdminInput, req);
  const anonymous = { kind: "user" as const, id: "setup", name: input.email, role: "ADMIN" as const };
  return ok(await createFirstAdmin(db(), auditContext(req, anonymous), input), 201);
});
