import crypto from "node:crypto";

/** Secrets look like `flt_<43 base64url chars>` (256 random bits). */
export const TOKEN_PREFIX = "flt_";

/** A new token secret and what is stored of it. */
export function newTokenSecret(): { secret: string; hash: string; prefix: string } {
  const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { secret, hash: hashTokenSecret(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 4) };
}

/**
 * SHA-256 of the secret. A fast hash is right here (unlike passwords): the secret is 256 random
 * bits, so there is nothing to brute-force, and lookups stay one indexed equality.
 */
export function hashTokenSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The bearer secret of an `Authorization: Bearer …` header, if any. */
export function bearerSecret(headers: Headers): string | undefined {
  const value = headers.get("authorization");
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
