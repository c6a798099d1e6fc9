import type { Db } from "@/lib/db/client";
import { toTokenView, type TokenView } from "./view";

/** Every token, newest first (active and revoked: revocations stay visible). */
export async function listTokens(db: Db): Promise<{ items: TokenView[]; nextCursor: null }> {
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return { items: rows.map((r) => toTokenView(r)), nextCursor: null };
}
