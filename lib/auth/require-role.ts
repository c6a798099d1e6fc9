import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import { isSameOriginMutation } from "./csrf";
import { recordRefusal } from "./record-refusal";
import { resolveActor } from "./resolve-actor";
import { hasRole, type Role } from "./roles";

/**
 * The one authorisation gate for route handlers: 401 without valid credentials, 403 with too
 * small a role, 403 for a cookie-authenticated mutation from another site (CSRF). Each refusal
 * is audited as `auth.refused` (rate-limited per caller: record-refusal.ts).
 */
export async function requireRole(req: Request, min: Role): Promise<Actor> {
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
  return { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role };
}
