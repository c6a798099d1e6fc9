import { loadEnv } from "@/lib/config/env";
import type { AuditTarget } from "@/lib/audit/catalogue";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError, rateLimited, type ErrorCode } from "@/lib/errors/app-error";
import { clientIp, requestId } from "@/lib/http/request-context";
import { log } from "@/lib/log";
import { getAuth } from "@/lib/auth/better-auth";
import { isSameOriginMutation } from "@/lib/auth/csrf";

const SIGN_IN = "/api/auth/sign-in/email";
const SIGN_OUT = "/api/auth/sign-out";
// better-auth's own password endpoints would change a password unaudited and leave the
// "must change" flag set: the one way is POST /api/v1/me/password (lib/users/change-password).
const PASSWORD_ENDPOINTS = ["/api/auth/change-password", "/api/auth/set-password", "/api/auth/reset-password", "/api/auth/request-password-reset"];

const OUTCOME: Record<number, string> = { 401: "wrong email or password", 403: "refused", 429: "too many attempts: locked for a while" };

/**
 * Failed sign-ins per account within the lock window before the account itself answers 429.
 * Higher than the per-address limit (10): one client hits its own limit first, while an attacker
 * who spoofs X-Forwarded-For to dodge the per-address limit still meets this one.
 */
export const ACCOUNT_MAX_FAILURES = 20;
const ACCOUNT_LOCKED = "too many failed attempts for this account: locked for a while";

/** Seconds until the account accepts attempts again, or 0 when it is not locked. */
async function accountLockedFor(db: Db, email: string): Promise<number> {
  const windowMs = loadEnv().FAULTLINE_ACCOUNT_LOCK_SECONDS * 1000;
  const since = new Date(Date.now() - windowMs);
  // The audit log is the record: failures since the window began and since the last success,
  // by the email the attempts named (an unknown address is locked the same way as an account's).
  const targetName = email;
  const lastOk = await db.auditEntry.findFirst({
    where: { targetName, action: "auth.sign_in", result: "OK", at: { gte: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const failures = await db.auditEntry.findMany({
    where: { targetName, action: "auth.sign_in", result: "FAILED", at: { gte: lastOk?.at ?? since }, error: { in: [OUTCOME[401]!] } },
    orderBy: { at: "desc" },
    take: ACCOUNT_MAX_FAILURES,
    select: { at: true },
  });
  if (failures.length < ACCOUNT_MAX_FAILURES) return 0;
  return Math.max(1, Math.ceil((failures[0]!.at.getTime() + windowMs - Date.now()) / 1000));
}

async function emailOf(req: Request): Promise<string> {
  const body = (await req
    .clone()
    .json()
    .catch(() => ({}))) as { email?: unknown };
  return typeof body.email === "string" ? body.email.trim().toLowerCase().slice(0, 200) : "(no email)";
}

/** The account an attempt names, by id; an address no account has is its own target (no id). */
async function signInTarget(db: Db, email: string): Promise<AuditTarget> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  return user ? { kind: "user", id: user.id, name: email } : { kind: "email", id: email, name: email };
}

/** `actor` is who proved it (the account's email), or "anonymous" when nobody did. */
async function record(db: Db, req: Request, email: string, actor: string, action: "auth.sign_in" | "auth.sign_out", ok: boolean, error?: string) {
  await signInTarget(db, email)
    .then((target) => writeAudit(db, { actor, action, target, result: ok ? "OK" : "FAILED", error, requestId: requestId(req), clientIp: clientIp(req) }))
    .catch((err: Error) => log.error({ err: err.message, action }, "audit write failed"));
}

// better-auth's refusals by status, as ours (the status stays the same).
const BETTER_AUTH_STATUS: Record<number, ErrorCode> = { 400: "VALIDATION", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 429: "RATE_LIMITED" };

/**
 * better-auth answers errors as `{ code, message }` (and 429 with X-Retry-After): throw them as
 * AppErrors so the browser sees one shape, `{ error: { code, message } }`, and Retry-After.
 * A 5xx is an internal error (logged, no details); another status with no code of ours (none
 * that sign-in or sign-out give) passes through as it is.
 */
async function passOn(res: Response): Promise<Response> {
  if (res.ok) return res;
  const { message } = (await res
    .clone()
    .json()
    .catch(() => ({}))) as { message?: unknown };
  const text = typeof message === "string" && message ? message : `HTTP ${res.status}`;
  if (res.status >= 500) {
    log.error({ status: res.status, err: text }, "better-auth failed");
    throw new AppError("INTERNAL", "internal error");
  }
  const code = BETTER_AUTH_STATUS[res.status];
  if (!code) return res;
  if (code === "RATE_LIMITED") throw rateLimited(text, Number(res.headers.get("x-retry-after")) || undefined);
  throw new AppError(code, text);
}

/**
 * better-auth's handler, with sign-in and sign-out written to the audit log (who, from where,
 * and why a sign-in failed — including rate-limit lockouts); errors through the one boundary.
 */
export async function handleAuth(db: Db, req: Request): Promise<Response> {
  const auth = await getAuth();
  const path = new URL(req.url).pathname;
  // Login CSRF too: a sign-in or sign-out POST must come from our own pages.
  if (!isSameOriginMutation(req.method, req.headers)) throw new AppError("FORBIDDEN", "cross-site request refused");
  if (PASSWORD_ENDPOINTS.includes(path)) throw new AppError("NOT_FOUND", "change your password with POST /api/v1/me/password");
  if (req.method === "POST" && path === SIGN_IN) {
    const email = await emailOf(req);
    const lockedFor = await accountLockedFor(db, email);
    if (lockedFor > 0) {
      await record(db, req, email, "anonymous", "auth.sign_in", false, ACCOUNT_LOCKED);
      throw rateLimited("Too many failed sign-ins for this account. Try again later.", lockedFor);
    }
    const res = await auth.handler(req);
    if (res.ok) {
      await record(db, req, email, email, "auth.sign_in", true);
      return res;
    }
    const disabled = await db.user.findUnique({ where: { email }, select: { disabledAt: true } });
    // Only someone who knows the password learns that the account is disabled: a wrong password
    // gets the same answer as for any other account (no probing for disabled accounts).
    const { code } = (await res
      .clone()
      .json()
      .catch(() => ({}))) as { code?: unknown };
    const refusedAsDisabled = Boolean(disabled?.disabledAt) && res.status !== 429 && code !== "INVALID_EMAIL_OR_PASSWORD";
    const reason = refusedAsDisabled ? "account disabled" : (OUTCOME[res.status] ?? `HTTP ${res.status}`);
    // The password was right only when the refusal is "disabled": otherwise nobody is proven.
    await record(db, req, email, refusedAsDisabled ? email : "anonymous", "auth.sign_in", false, reason);
    if (refusedAsDisabled) throw new AppError("ACCOUNT_DISABLED", "this account is disabled: ask an admin");
    return passOn(res);
  }
  if (req.method === "POST" && path === SIGN_OUT) {
    const session = await auth.api.getSession({ headers: req.headers }).catch(() => null);
    const res = await auth.handler(req);
    if (session) await record(db, req, session.user.email, session.user.email, "auth.sign_out", res.ok, res.ok ? undefined : `HTTP ${res.status}`);
    return passOn(res);
  }
  return passOn(await auth.handler(req));
}
