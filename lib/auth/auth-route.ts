import { loadEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { clientIp, requestId } from "@/lib/http/request-context";
import { log } from "@/lib/log";
import { getAuth } from "./better-auth";
import { isSameOriginMutation } from "./csrf";

const SIGN_IN = "/api/auth/sign-in/email";
const SIGN_OUT = "/api/auth/sign-out";

const OUTCOME: Record<number, string> = { 401: "wrong email or password", 403: "refused", 429: "too many attempts: locked for a while" };

/**
 * Failed sign-ins per account within the lock window before the account itself answers 429.
 * Higher than the per-address limit (10): one client hits its own limit first, while an attacker
 * who spoofs X-Forwarded-For to dodge the per-address limit still meets this one.
 */
export const ACCOUNT_MAX_FAILURES = 20;
const ACCOUNT_LOCKED = "too many failed attempts for this account: locked for a while";

/** Seconds until the account accepts attempts again, or 0 when it is not locked. */
async function accountLockedFor(email: string): Promise<number> {
  const windowMs = loadEnv().FAULTLINE_ACCOUNT_LOCK_SECONDS * 1000;
  const since = new Date(Date.now() - windowMs);
  const target = `user:${email}`;
  // The audit log is the record: failures since the window began and since the last success.
  const lastOk = await db().auditEntry.findFirst({
    where: { target, action: "auth.sign_in", result: "OK", at: { gte: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const failures = await db().auditEntry.findMany({
    where: { target, action: "auth.sign_in", result: "FAILED", at: { gte: lastOk?.at ?? since }, error: { in: [OUTCOME[401]!] } },
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

/** `actor` is who proved it (the account's email), or "anonymous" when nobody did. */
async function record(req: Request, email: string, actor: string, action: string, ok: boolean, error?: string) {
  await db()
    .auditEntry.create({
      data: { actor, action, target: `user:${email}`, result: ok ? "OK" : "FAILED", error: error ?? null, requestId: requestId(req), clientIp: clientIp(req) },
    })
    .catch((err: Error) => log.error({ err: err.message, action }, "audit write failed"));
}

/**
 * better-auth's handler, with sign-in and sign-out written to the audit log (who, from where,
 * and why a sign-in failed — including rate-limit lockouts).
 */
export async function handleAuth(req: Request): Promise<Response> {
  const auth = await getAuth();
  const path = new URL(req.url).pathname;
  // Login CSRF too: a sign-in or sign-out POST must come from our own pages.
  if (!isSameOriginMutation(req.method, req.headers)) {
    return Response.json({ error: { code: "FORBIDDEN", message: "cross-site request refused" } }, { status: 403 });
  }
  if (req.method === "POST" && path === SIGN_IN) {
    const email = await emailOf(req);
    const lockedFor = await accountLockedFor(email);
    if (lockedFor > 0) {
      await record(req, email, "anonymous", "auth.sign_in", false, ACCOUNT_LOCKED);
      return Response.json(
        { code: "TOO_MANY_REQUESTS", message: "Too many failed sign-ins for this account. Try again later." },
        { status: 429, headers: { "X-Retry-After": String(lockedFor) } },
      );
    }
    const res = await auth.handler(req);
    if (res.ok) {
      await record(req, email, email, "auth.sign_in", true);
      return res;
    }
    const disabled = await db().user.findUnique({ where: { email }, select: { disabledAt: true } });
    // Only someone who knows the password learns that the account is disabled: a wrong password
    // gets the same answer as for any other account (no probing for disabled accounts).
    const { code } = (await res
      .clone()
      .json()
      .catch(() => ({}))) as { code?: unknown };
    const refusedAsDisabled = Boolean(disabled?.disabledAt) && res.status !== 429 && code !== "INVALID_EMAIL_OR_PASSWORD";
    const reason = refusedAsDisabled ? "account disabled" : (OUTCOME[res.status] ?? `HTTP ${res.status}`);
    // The password was right only when the refusal is "disabled": otherwise nobody is proven.
    await record(req, email, refusedAsDisabled ? email : "anonymous", "auth.sign_in", false, reason);
    if (refusedAsDisabled) {
      return Response.json({ code: "ACCOUNT_DISABLED", message: "this account is disabled: ask an admin" }, { status: 403 });
    }
    return res;
  }
  if (req.method === "POST" && path === SIGN_OUT) {
    const session = await auth.api.getSession({ headers: req.headers }).catch(() => null);
    const res = await auth.handler(req);
    if (session) await record(req, session.user.email, session.user.email, "auth.sign_out", res.ok, res.ok ? undefined : `HTTP ${res.status}`);
    return res;
  }
  return auth.handler(req);
}
