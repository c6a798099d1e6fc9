import crypto from "node:crypto";
import { loadEnv } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";

const KEY = "auth.secret";

/**
 * The key better-auth signs session cookies with. FAULTLINE_AUTH_SECRET wins; otherwise one is
 * generated on first start and kept in the database, so every replica signs with the same key.
 */
export async function authSecret(db: Db, fromEnv: string | undefined = loadEnv().FAULTLINE_AUTH_SECRET): Promise<string> {
  if (fromEnv) return fromEnv;
  await db.setting.createMany({ data: [{ key: KEY, value: crypto.randomBytes(32).toString("base64url") }], skipDuplicates: true });
  return (await db.setting.findUniqueOrThrow({ where: { key: KEY } })).value;
}
