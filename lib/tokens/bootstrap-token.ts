import { audited } from "@/lib/audit/audited";
import { systemActor } from "@/lib/auth/actor";
import { hashTokenSecret, TOKEN_PREFIX } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

const NAME = "bootstrap";

/**
 * Register FAULTLINE_BOOTSTRAP_TOKEN as the admin token "bootstrap" so scripts and CI can drive
 * the API without a browser. An unchanged secret is left alone — also when an admin revoked it
 * (a restart must not undo a revocation); a new secret replaces the old one and is active.
 */
export async function registerBootstrapToken(secret: string): Promise<"created" | "rotated" | "unchanged"> {
  const hash = hashTokenSecret(secret);
  const existing = await db().apiToken.findUnique({ where: { name: NAME } });
  if (existing?.secretHash === hash) return "unchanged";
  const ctx = { actor: systemActor(), requestId: null, clientIp: null };
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 4);
  return audited(
    ctx,
    { action: existing ? "token.rotate" : "token.create", target: `token:${NAME}`, reason: "FAULTLINE_BOOTSTRAP_TOKEN at startup" },
    async (tx) => {
      if (existing) {
        await tx.apiToken.update({ where: { id: existing.id }, data: { secretHash: hash, prefix, revokedAt: null, revokedBy: null } });
        return { value: "rotated" as const, after: { name: NAME, role: "ADMIN" } };
      }
      await tx.apiToken.create({ data: { name: NAME, role: "ADMIN", prefix, secretHash: hash, createdBy: "system" } });
      return { value: "created" as const, after: { name: NAME, role: "ADMIN" } };
    },
  );
}
