import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { createService } from "@/lib/inventory/inventory";
import { ServiceCreate } from "@/lib/inventory/schemas";
import { db } from "@/lib/db/client";
import { listServiceTree, ServiceListQuery } from "@/lib/services/list-services";
import { parseBody, parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  const input = parseQuery(ServiceListQuery, req);
  return ok(await listServiceTree(db(), input));
});

/** Operators: add a service (name, description, owner, tags, SLO target), audited. */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(ServiceCreate, req);
  return ok(await createService(db(), auditContext(req, actor), input), 201);
});
