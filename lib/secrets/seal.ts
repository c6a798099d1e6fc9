import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { keyBytes, loadEnv } from "@/lib/config/env";

/**
 * Secrets at rest (notification channels' URLs with tokens, passwords, signing keys): AES-256-GCM
 * from node:crypto, a fresh 96-bit IV per value, the key from FAULTLINE_SECRET_KEY (or a key file
 * in the data directory) — never from the database, so a copy of the database alone reveals
 * nothing. A sealed value names the key it was sealed with (first 8 hex of its SHA-256), so a
 * replica with another key fails with a line saying so instead of "bad decrypt".
 */

const FORMAT = "v1";
const AAD = Buffer.from("faultline-secret-v1");

export interface SecretKey {
  key: Buffer;
  /** Key id: the first 8 hex characters of the key's SHA-256 (not secret). */
  id: string;
}

class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

export function secretKeyOf(key: Buffer): SecretKey {
  return { key, id: crypto.createHash("sha256").update(key).digest("hex").slice(0, 8) };
}

let cached: { source: string; key: SecretKey } | undefined;

/**
 * FAULTLINE_SECRET_KEY, else `<data dir>/secret.key`, created (mode 0600, atomically — two
 * processes starting at once read the same key) on first use.
 */
function currentSecretKey(): SecretKey {
  const env = loadEnv();
  const source = env.FAULTLINE_SECRET_KEY ?? `file:${env.dataDir}`;
  if (cached?.source === source) return cached.key;
  const key = env.FAULTLINE_SECRET_KEY ? keyBytes(env.FAULTLINE_SECRET_KEY)! : keyFromFile(path.join(env.dataDir, "secret.key"));
  cached = { source, key: secretKeyOf(key) };
  return cached.key;
}

function keyFromFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under another name, then linked into place: link() fails if the file exists, so
  // a second process starting at once never sees a half-written key nor replaces the first one's.
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(tmp, crypto.randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.unlinkSync(tmp);
  }
  const key = keyBytes(fs.readFileSync(file, "utf8").trim());
  if (!key) throw new SecretKeyError(`${file}: not a 32-byte key (64 hex characters)`);
  return key;
}

/** `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function seal(plain: string, k: SecretKey = currentSecretKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", k.key, iv);
  cipher.setAAD(AAD);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, k.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function unseal(sealed: string, k: SecretKey = currentSecretKey()): string {
  const [format, id, iv, tag, ct] = sealed.split(".");
  if (format !== FORMAT || !id || !iv || !tag || ct === undefined) throw new SecretKeyError("not a sealed secret (unknown format)");
  if (id !== k.id) {
    throw new SecretKeyError(`sealed with key ${id}, but this process has key ${k.id}: set the same FAULTLINE_SECRET_KEY on every replica`);
  }
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", k.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError(`sealed secret fails its integrity check (altered, or sealed with another key of id ${id})`);
  }
}
