import { requireRole } from "@/lib/auth/require-role";
import { ok, route } from "@/lib/http/respond";

/** Who the caller is (any role), and whether they must change an admin-given password first. */
export const GET = route(async (req) => {
  const actor = await requireRole(req, "VIEWER", { duringPasswordChange: true });
  return ok({ kind: actor.kind, name: actor.name, role: actor.role, mustChangePassword: actor.mustChangePassword ?? false });
});
