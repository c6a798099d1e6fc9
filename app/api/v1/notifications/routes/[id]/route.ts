import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { deleteRoute, updateRoute } from "@/lib/notifications/routes";
import { ReasonOnly, UpdateRouteInput } from "@/lib/notifications/schemas";

export const PATCH = route<RouteContext<"/api/v1/notifications/routes/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(UpdateRouteInput, req);
  return ok(await updateRoute(db(), auditContext(req, actor), (await params).id, input));
});

export const DELETE = route<RouteContext<"/api/v1/notifications/routes/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(ReasonOnly, req);
  return ok(await deleteRoute(db(), auditContext(req, actor), (await params).id, reason));
});
