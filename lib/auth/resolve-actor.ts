import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import { getAuth } from "./better-auth";
import type { Role } from "./roles";
import { bearerSecret, hashTokenSecret } from "./tokens";

/** Don't rewrite a token row on every call: last-used is precise to this much. */
const LAST_USED_PRECISION_MS = 60_000;

async function tokenActor(secret: string): Promise<Actor> {
  const token = await db().apiToken.findUnique({ where: { secretHash: hashTokenSecret(secret) } });
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    throw new AppError("UNAUTHENTICATED", "invalid, expired or revoked API token");
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { kind: "token", id: token.id, name: `token:${token.name}`, role: token.role };
}

/**
 * Who sent this request: a bearer API token, or a session cookie. Undefined when neither;
 * throws 401 for a bearer token that is wrong (a bad credential is not "anonymous").
 */
export async function resolveActor(headers: Headers): Promise<(Actor & { via: "bearer" | "cookie"; sessionId?: string }) | undefined> {
  const secret = bearerSecret(headers);
  if (secret) return { ...(await tokenActor(secret)), via: "bearer" };
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return undefined;
  const user = await db().user.findUnique({ where: { id: session.user.id }, select: { email: true, role: true, disabledAt: true, mustChangePassword: true } });
  if (!user || user.disabledAt) return undefined;
  return {
    kind: "user",
    id: session.user.id,
    name: user.email,
    role: user.role as Role,
    mustChangePassword: user.mustChangePassword,
    sessionId: session.session.id,
    via: "cookie",
  };
}
