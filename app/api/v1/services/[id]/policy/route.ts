import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { PolicyPatch, updatePolicy } from "@/lib/services/update-policy";

/** Automatic drain/failover settings of a service (operators; audited). */
export const PATCH = route<RouteContext<"/api/v1/services/[id]/policy">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(PolicyPatch, req);
  return ok(await updatePolicy(db(), auditContext(req, actor), (await params).id, input));
});
