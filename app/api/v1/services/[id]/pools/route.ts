import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { createPool } from "@/lib/inventory/inventory";
import { PoolCreate } from "@/lib/inventory/schemas";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Operators: add a pool (name, role ACTIVE/STANDBY, priority) to a service. */
export const POST = route<RouteContext<"/api/v1/services/[id]/pools">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(PoolCreate, req);
  return ok(await createPool(db(), auditContext(req, actor), (await params).id, input), 201);
});
