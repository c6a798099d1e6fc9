import { systemActor } from "@/lib/auth/actor";
import type { Env } from "@/lib/config/env";
import { log } from "@/lib/log";
import { registerBootstrapToken } from "@/lib/tokens/bootstrap-token";
import { createFirstAdmin, setupNeeded } from "@/lib/users/first-admin";

/**
 * First-run access: the admin from FAULTLINE_ADMIN_EMAIL/PASSWORD when no user exists yet (else
 * the console offers its one-time setup page), and FAULTLINE_BOOTSTRAP_TOKEN as an admin token.
 */
export async function bootstrapAccess(env: Env): Promise<void> {
  if (env.FAULTLINE_ADMIN_EMAIL && env.FAULTLINE_ADMIN_PASSWORD && (await setupNeeded())) {
    const ctx = { actor: systemActor(), requestId: null, clientIp: null };
    await createFirstAdmin(ctx, { email: env.FAULTLINE_ADMIN_EMAIL.toLowerCase(), name: "Administrator", password: env.FAULTLINE_ADMIN_PASSWORD }).catch(
      (err: Error) => {
        // Another replica won the race: that is fine.
        if (!/already set up/.test(err.message)) throw err;
      },
    );
    log.info({ user: env.FAULTLINE_ADMIN_EMAIL }, "first admin created from FAULTLINE_ADMIN_EMAIL");
  }
  if (env.FAULTLINE_BOOTSTRAP_TOKEN) {
    const outcome = await registerBootstrapToken(env.FAULTLINE_BOOTSTRAP_TOKEN);
    if (outcome !== "unchanged") log.info({ token: "bootstrap", outcome }, "bootstrap API token registered");
  }
}
