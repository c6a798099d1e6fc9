import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { createRoute, listRoutes } from "@/lib/notifications/routes";
import { CreateRouteInput } from "@/lib/notifications/schemas";

export const GET = route(async (req) => {
  await requireRole(req, "OPERATOR");
  return ok({ items: await listRoutes(db()), nextCursor: null });
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(CreateRouteInput, req);
  return ok(await createRoute(db(), auditContext(req, actor), input), 201);
});
