import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { removeService, updateService } from "@/lib/inventory/inventory";
import { RemoveBody, ServiceEdit } from "@/lib/inventory/schemas";
import { getServiceDetail } from "@/lib/services/get-service-detail";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

type Ctx = RouteContext<"/api/v1/services/[id]">;

/** One service: pools, instances (desired/actual/drift), live traffic, latency, failovers. */
export const GET = route<Ctx>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  return ok(await getServiceDetail(db(), (await params).id));
});

/** Operators: edit a service's name, description, owner, tags or SLO target. */
export const PATCH = route<Ctx>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(ServiceEdit, req);
  return ok(await updateService(db(), auditContext(req, actor), (await params).id, input));
});

/** Admins: remove a service — archived (with its instances) when it has faults, deleted otherwise. */
export const DELETE = route<Ctx>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(RemoveBody, req);
  return ok(await removeService(db(), auditContext(req, actor), (await params).id, reason));
});
