import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { createInstances } from "@/lib/inventory/inventory";
import { InstanceBulkCreate } from "@/lib/inventory/schemas";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Operators: add pasted `host:port` lines to a pool as instances `<pool>-<n>`, one transaction. */
export const POST = route<RouteContext<"/api/v1/pools/[id]/instances/bulk">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(InstanceBulkCreate, req);
  return ok(await createInstances(db(), auditContext(req, actor), (await params).id, input), 201);
});
