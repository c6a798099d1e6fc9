import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import { isSameOriginMutation } from "./csrf";
import { resolveActor } from "./resolve-actor";
import { hasRole, type Role } from "./roles";

/**
 * The one authorisation gate for route handlers: 401 without valid credentials, 403 with too
 * small a role, 403 for a cookie-authenticated mutation from another site (CSRF).
 */
export async function requireRole(req: Request, min: Role): Promise<Actor> {
  const actor = await resolveActor(req.headers);
  if (!actor) throw new AppError("UNAUTHENTICATED", "sign in, or send an API token as `Authorization: Bearer <token>`");
  if (actor.via === "cookie" && !isSameOriginMutation(req.method, req.headers)) {
    throw new AppError("FORBIDDEN", "cross-site request refused: this change must come from Faultline's own pages");
  }
  if (!hasRole(actor.role, min)) {
    throw new AppError("FORBIDDEN", `this needs the ${min.toLowerCase()} role; you are ${actor.role.toLowerCase()}`);
  }
  return { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role };
}
