import { AuditListQuery, listAudit } from "@/lib/audit/list-audit";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

// Read-only on purpose: there is no route that edits or deletes audit entries (and the
// database rejects UPDATE/DELETE on them).
export const GET = route(async (req) => {
  await requireRole(req, "OPERATOR");
  const input = parseQuery(AuditListQuery, req);
  return ok(await listAudit(db(), input));
});
