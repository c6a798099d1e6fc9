import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { InstancePatch, updateInstance } from "@/lib/services/update-instance";

/** Set an instance's weight (0–256) and/or admin state (READY/DRAIN/MAINT) on its balancer. */
export const PATCH = route<RouteContext<"/api/v1/instances/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(InstancePatch, req);
  return ok(await updateInstance(db(), auditContext(req, actor), (await params).id, input));
});
