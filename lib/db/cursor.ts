import { AppError } from "@/lib/errors/app-error";

/** Opaque cursor: the sort key of the last item, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, field: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  // A forged cursor can decode to NUL bytes, which PostgreSQL text cannot hold.
  if (!key || key.includes("\u0000") || encodeCursor(key) !== cursor) throw new AppError("VALIDATION", `${field}: not a cursor this API returned`, field);
  return key;
}

/** The API's list envelope: a page of items and the cursor of the next page (null at the end). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}
