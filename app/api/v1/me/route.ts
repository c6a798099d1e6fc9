import { requireRole } from "@/lib/auth/require-role";
import { ok, route } from "@/lib/http/respond";

/** Who the caller is (any role). */
export const GET = route(async (req) => {
  const actor = await requireRole(req, "VIEWER");
  return ok({ kind: actor.kind, name: actor.name, role: actor.role });
});
