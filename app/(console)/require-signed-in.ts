import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { setupNeeded } from "@/lib/users/first-admin";
import type { Actor } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/resolve-actor";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/**
 * Server-side gate for console pages: the signed-in user, or a redirect — to the one-time setup
 * page on a fresh install, otherwise to sign-in (coming back here afterwards); a user still on an
 * admin-given password to the change-password page first.
 */
export async function requireSignedIn(): Promise<Actor> {
  const h = await headers();
  // A broken bearer header on a page request is treated as signed out, not as an error page; a
  // lost database is not "signed out" (app/error.tsx shows it and retries).
  const actor = await resolveActor(h).catch((err: unknown) => {
    if (isDatabaseUnavailable(err)) throw err;
    return undefined;
  });
  if (actor?.mustChangePassword) redirect("/account/password");
  if (actor) return { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role };
  if (await setupNeeded(db())) redirect("/setup");
  const back = h.get("x-pathname");
  redirect(back && back !== "/" ? `/sign-in?next=${encodeURIComponent(back)}` : "/sign-in");
}
