import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors/app-error";

/**
 * Create a user with an email/password credential the way better-auth stores it (its own
 * scrypt hash, provider "credential"), inside the caller's transaction.
 */
export async function insertUser(tx: Tx, u: { email: string; name: string; role: Role; password: string; mustChangePassword?: boolean }) {
  if (await tx.user.findUnique({ where: { email: u.email } })) {
    throw new AppError("CONFLICT", `a user with email ${u.email} already exists`, "email");
  }
  const id = crypto.randomUUID();
  const user = await tx.user.create({
    data: { id, email: u.email, name: u.name, role: u.role, emailVerified: true, mustChangePassword: u.mustChangePassword ?? false },
  });
  await tx.account.create({
    data: { id: crypto.randomUUID(), userId: id, accountId: id, providerId: "credential", password: await hashPassword(u.password) },
  });
  return user;
}

/** A readable one-time password for a new account (shown once to the admin). */
export function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}
