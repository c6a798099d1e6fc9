import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { toTokenView, type TokenView } from "./view";

// Token ids are UUIDs: anything else can't name a token (and PostgreSQL would reject it as a uuid).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revoke a token; revoking a revoked token changes nothing and answers the same (idempotent). */
export async function revokeToken(db: Db, ctx: AuditContext, id: string, reason?: string): Promise<TokenView> {
  return audited(db, ctx, { action: "token.revoke", target: { kind: "token", id }, reason }, async (tx) => {
    const current = UUID.test(id) ? await tx.apiToken.findUnique({ where: { id } }) : null;
    if (!current) throw notFound("token");
    const before = toTokenView(current);
    const row = current.revokedAt ? current : await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: ctx.actor.name } });
    const after = toTokenView(row);
    return { value: after, before, after, target: { kind: "token", id, name: row.name } };
  });
}
