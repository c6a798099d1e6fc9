import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { createRootCauseCategory, listRootCauseCategories, NewRootCauseCategory } from "@/lib/faults/root-cause-categories";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** The root-cause categories a postmortem offers. */
export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  return ok(await listRootCauseCategories(db()));
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(NewRootCauseCategory, req);
  return ok(await createRootCauseCategory(db(), auditContext(req, actor), input), 201);
});
