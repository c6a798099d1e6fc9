import { requireRole } from "@/lib/auth/require-role";
import { CheckTest } from "@/lib/inventory/schemas";
import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { runCheckTest } from "@/lib/inventory/test-check";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Operators: run a health check once from the server (nothing stored) and see what the poller would record. */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "OPERATOR");
  const input = await parseBody(CheckTest, req);
  return ok(await runCheckTest(db(), auditContext(req, actor), input));
});
