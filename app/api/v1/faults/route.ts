import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { listFaults } from "@/lib/faults/list-faults";
import { FaultListQuery, NewManualFault } from "@/lib/faults/schemas";
import { createManualFault } from "@/lib/faults/update-fault";
import { parseBody, parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  const input = parseQuery(FaultListQuery, req);
  return ok(await listFaults(db(), input));
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(NewManualFault, req);
  return ok(await createManualFault(db(), auditContext(req, actor), input), 201);
});
