import { audited, type AuditContext } from "@/lib/audit/audited";
import { NEW_ID } from "@/lib/audit/catalogue";
import { newTokenSecret } from "@/lib/auth/tokens";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { CreateTokenInput } from "./schemas";
import { toTokenView, type TokenView } from "./view";

/** Admin creates a named API token; the secret is returned this once and stored only hashed. */
export async function createToken(db: Db, ctx: AuditContext, input: CreateTokenInput): Promise<{ token: TokenView; secret: string }> {
  const { secret, hash, prefix } = newTokenSecret();
  return audited(db, ctx, { action: "token.create", target: { kind: "token", id: NEW_ID, name: input.name }, reason: input.reason }, async (tx) => {
    if (await tx.apiToken.findUnique({ where: { name: input.name } })) {
      throw new AppError("CONFLICT", `a token named ${input.name} already exists`, "name");
    }
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    const row = await tx.apiToken.create({
      data: { name: input.name, role: input.role, prefix, secretHash: hash, createdBy: ctx.actor.name, expiresAt },
    });
    const token = toTokenView(row);
    return { value: { token, secret }, after: token, target: { kind: "token", id: row.id, name: row.name } };
  });
}
