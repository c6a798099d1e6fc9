import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { CreateUserInput } from "@/lib/users/schemas";

export const GET = route(async (req) => {
  await requireRole(req, "ADMIN");
  return ok(await listUsers(db()));
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(CreateUserInput, req);
  return ok(await createUser(db(), auditContext(req, actor), input), 201);
});
