import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { createInstance } from "@/lib/inventory/inventory";
import { InstanceCreate } from "@/lib/inventory/schemas";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Operators: add an instance (name, host:port, enabled, weight, health check) to a pool. */
export const POST = route<RouteContext<"/api/v1/pools/[id]/instances">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(InstanceCreate, req);
  return ok(await createInstance(db(), auditContext(req, actor), (await params).id, input), 201);
});
