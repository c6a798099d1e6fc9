import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { editInstance, removeInstance } from "@/lib/inventory/inventory";
import { InstanceChange, RemoveBody } from "@/lib/inventory/schemas";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { updateInstance } from "@/lib/services/update-instance";

type Ctx = RouteContext<"/api/v1/instances/[id]">;

/**
 * Operators: change an instance. Balancer state (`weight` 0–256, `adminState` READY/DRAIN/MAINT)
 * is applied to HAProxy and read back; inventory fields (`name`, `address`, `enabled`, `check`)
 * are stored and picked up by the poller. One kind per request.
 */
export const PATCH = route<Ctx>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(InstanceChange, req);
  const id = (await params).id;
  if (input.kind === "balancer") return ok(await updateInstance(db(), auditContext(req, actor), id, input.patch));
  return ok(await editInstance(db(), auditContext(req, actor), id, input.edit));
});

/** Admins: remove an instance — archived when it has faults (history kept), deleted otherwise. */
export const DELETE = route<Ctx>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(RemoveBody, req);
  return ok(await removeInstance(db(), auditContext(req, actor), (await params).id, reason));
});
