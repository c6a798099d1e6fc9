import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { createMaintenance, listMaintenance, NewMaintenance } from "@/lib/maintenance/maintenance-windows";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  return ok(await listMaintenance(db()));
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(NewMaintenance, req);
  return ok(await createMaintenance(db(), auditContext(req, actor), input), 201);
});
