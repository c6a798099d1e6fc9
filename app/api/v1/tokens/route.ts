import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { createToken } from "@/lib/tokens/create-token";
import { listTokens } from "@/lib/tokens/list-tokens";
import { CreateTokenInput } from "@/lib/tokens/schemas";

export const GET = route(async (req) => {
  await requireRole(req, "ADMIN");
  return ok(await listTokens(db()));
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(CreateTokenInput, req);
  return ok(await createToken(db(), auditContext(req, actor), input), 201);
});
