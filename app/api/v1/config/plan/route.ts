import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { planFleetFile } from "@/lib/fleet-file/apply";
import { PlanRequest } from "@/lib/fleet-file/requests";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Operators: what applying a fleet file would change (nothing but the audit entry is written). */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "OPERATOR");
  const { file, prune, filename } = await parseBody(PlanRequest, req);
  return ok(await planFleetFile(db(), auditContext(req, actor), file, { prune, filename }));
});
