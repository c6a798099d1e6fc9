import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { getFault } from "@/lib/faults/get-fault";
import { FaultPatch } from "@/lib/faults/schemas";
import { updateFault } from "@/lib/faults/update-fault";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** One fault by id or key (F-1042), with its timeline. */
export const GET = route<RouteContext<"/api/v1/faults/[id]">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  return ok(await getFault(db(), (await params).id));
});

export const PATCH = route<RouteContext<"/api/v1/faults/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(FaultPatch, req);
  const fault = await getFault(db(), (await params).id);
  return ok(await updateFault(db(), auditContext(req, actor), fault.id, input));
});
