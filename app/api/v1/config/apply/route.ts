import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { applyFleetFile } from "@/lib/fleet-file/apply";
import { ApplyRequest } from "@/lib/fleet-file/requests";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Operators apply a fleet file (all or nothing, one audit entry); pruning removes things, so it needs an admin. */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "OPERATOR");
  const body = await parseBody(ApplyRequest, req);
  if (body.prune) await requireRole(req, "ADMIN");
  return ok(await applyFleetFile(db(), auditContext(req, actor), body.file, body));
});
