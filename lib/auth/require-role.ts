import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import { isSameOriginMutation } from "./csrf";
import { recordRefusal } from "./record-refusal";
import { resolveActor } from "./resolve-actor";
import { hasRole, type Role } from "./roles";

/**
 * The one authorisation gate for route handlers: 401 without valid credentials, 403 with too
 * small a role, 403 for a cookie-authenticated mutation from another site (CSRF). Each refusal
 * is audited as `auth.refused` (rate-limited per caller: record-refusal.ts). A person still on an
 * admin-given password gets 403 PASSWORD_CHANGE_REQUIRED except where `duringPasswordChange` allows.
 */
export async function requireRole(req: Request, min: Role, opts: { duringPasswordChange?: boolean } = {}): Promise<Actor & { sessionId?: string }> {
  const actor = await resolveActor(req.headers);
  // Refusals are audited too (rate-limited per caller), then answered.
  const refuse = async (err: AppError) => {
    await recordRefusal(req, actor?.name ?? null, err.message);
    return err;
  };
  if (!actor) throw await refuse(new AppError("UNAUTHENTICATED", "sign in, or send an API token as `Authorization: Bearer <token>`"));
  if (actor.via === "cookie" && !isSameOriginMutation(req.method, req.headers)) {
    throw await refuse(new AppError("FORBIDDEN", "cross-site request refused: this change must come from Faultline's own pages"));
  }
  if (!hasRole(actor.role, min)) {
    throw await refuse(new AppError("FORBIDDEN", `this needs the ${min.toLowerCase()} role; you are ${actor.role.toLowerCase()}`));
  }
  // An admin-given password opens only what changing it needs (who am I, change it); not audited
  // as a refusal — it is the expected first step of a new account, not an attempt to get in.
  if (actor.mustChangePassword && !opts.duringPasswordChange) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "change the password an admin gave you first: POST /api/v1/me/password (console: /account/password)");
  }
  return { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role, mustChangePassword: actor.mustChangePassword, sessionId: actor.sessionId };
}
