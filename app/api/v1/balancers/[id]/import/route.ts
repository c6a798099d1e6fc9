import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { ImportBody, importBalancer } from "@/lib/inventory/import-from-haproxy";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** `{ apply: false }` previews which servers would be added/unlinked; `{ apply: true, reason }` does it. */
export const POST = route<RouteContext<"/api/v1/balancers/[id]/import">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const body = await parseBody(ImportBody, req);
  return ok(await importBalancer(db(), auditContext(req, actor), (await params).id, body));
});
