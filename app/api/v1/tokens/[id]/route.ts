import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { revokeToken } from "@/lib/tokens/revoke-token";
import { RevokeTokenInput } from "@/lib/tokens/schemas";

/** Revoke (tokens are never deleted: the audit log keeps referring to them). */
export const DELETE = route<RouteContext<"/api/v1/tokens/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(RevokeTokenInput, req);
  return ok(await revokeToken(db(), auditContext(req, actor), (await params).id, reason));
});
