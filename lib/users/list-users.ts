import type { Db } from "@/lib/db/client";
import { toUserView, type UserView } from "./view";

/** Every user, by email (user counts are small: no paging needed, the envelope still has one). */
export async function listUsers(db: Db): Promise<{ items: UserView[]; nextCursor: null }> {
  const users = await db.user.findMany({ orderBy: { email: "asc" } });
  return { items: users.map(toUserView), nextCursor: null };
}
