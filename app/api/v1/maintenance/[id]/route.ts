import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { cancelMaintenance } from "@/lib/maintenance/maintenance-windows";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { RevokeTokenInput as ReasonOnly } from "@/lib/tokens/schemas";

/** Cancel (end now) a maintenance window. */
export const DELETE = route<RouteContext<"/api/v1/maintenance/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const { reason } = await parseBody(ReasonOnly, req);
  return ok(await cancelMaintenance(db(), auditContext(req, actor), (await params).id, reason));
});
