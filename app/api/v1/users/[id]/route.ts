import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { UpdateUserInput } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

export const PATCH = route<RouteContext<"/api/v1/users/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(UpdateUserInput, req);
  return ok(await updateUser(db(), auditContext(req, actor), (await params).id, input));
});
