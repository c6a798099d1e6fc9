import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ACCOUNT_MAX_FAILURES } from "@/app/api/auth/[...all]/handle-auth";
import { LOGIN_MAX_ATTEMPTS } from "@/lib/auth/better-auth";
import {
  auditMark,
  auditSince,
  call,
  EVIL_ORIGIN,
  freshIp,
  LOCK_SECONDS,
  ORIGIN,
  seedUser,
  sessionCookie,
  signIn,
  startAuthWorld,
  type AuthWorld,
} from "./harness";

let w: AuthWorld;

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "sign_in");
});
afterAll(async () => {
  await w?.close();
});

const me = (cookie: string | undefined) => call("/api/v1/me", { cookie });
const sessionsOf = (userId: string) => w.prisma.session.count({ where: { userId } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sign-in", () => {
  it("the right password answers 200 with an httpOnly, SameSite=Lax session cookie (not Secure over http)", async () => {
    const ip = freshIp();
    const mark = await auditMark(w.prisma);
    const res = await signIn(w.users.OPERATOR.email, w.users.OPERATOR.password, ip);
    expect(res.status).toBe(200);
    const attrs = res.setCookie!.split(";").map((a) => a.trim().toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs).not.toContain("secure");
    expect((await me(res.cookie)).body).toEqual({ kind: "user", name: w.users.OPERATOR.email, role: "OPERATOR", mustChangePassword: false });
    expect((await auditSince(w.prisma, mark)).map((e) => [e.actor, e.action, e.result, e.clientIp])).toEqual([
      [w.users.OPERATOR.email, "auth.sign_in", "OK", ip],
    ]);
  });

  it("a wrong password answers 401 without a cookie and leaves a FAILED auth.sign_in entry", async () => {
    const ip = freshIp();
    const mark = await auditMark(w.prisma);
    const res = await signIn(w.users.VIEWER.email, "not-the-password", ip);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    expect(res.cookie).toBeUndefined();
    const entries = await auditSince(w.prisma, mark);
    expect(entries.map((e) => [e.actor, e.action, e.result, e.error, e.clientIp])).toEqual([
      ["anonymous", "auth.sign_in", "FAILED", "wrong email or password", ip],
    ]);
  });

  it("an unknown email gets exactly the answer a wrong password gets", async () => {
    const unknown = await signIn("nobody-here@example.com", "not-the-password", freshIp());
    const wrong = await signIn(w.users.VIEWER.email, "not-the-password", freshIp());
    expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
  });

  it(`locks a client address after ${LOGIN_MAX_ATTEMPTS} attempts: attempt ${LOGIN_MAX_ATTEMPTS + 1} is 429, other addresses are not locked, and the lock lifts after the window`, async () => {
    const user = await seedUser(w.prisma, "VIEWER");
    const ip = freshIp();
    const statuses: number[] = [];
    let lastAllowedAt = 0;
    for (let attempt = 1; attempt <= LOGIN_MAX_ATTEMPTS; attempt++) {
      statuses.push((await signIn(user.email, "not-the-password", ip)).status);
      lastAllowedAt = Date.now();
    }
    // Attempts 1–10 are judged on the password; the 11th is refused before that, even when right.
    const mark = await auditMark(w.prisma);
    const locked = await signIn(user.email, user.password, ip);
    statuses.push(locked.status);
    expect(statuses).toEqual([...Array<number>(LOGIN_MAX_ATTEMPTS).fill(401), 429]);
    expect(locked.body).toEqual({ error: { code: "RATE_LIMITED", message: expect.any(String) } });
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.cookie).toBeUndefined();
    expect((await auditSince(w.prisma, mark)).map((e) => [e.action, e.result, e.error])).toEqual([
      ["auth.sign_in", "FAILED", "too many attempts: locked for a while"],
    ]);
    expect(await sessionsOf(user.id)).toBe(0);
    // Kept in the database, so every replica sees the same count.
    expect(await w.prisma.rateLimit.findUnique({ where: { key: `${ip}|/sign-in/email` } })).toMatchObject({ count: LOGIN_MAX_ATTEMPTS });

    // The lock is per client address.
    expect((await signIn(user.email, user.password, freshIp())).status).toBe(200);

    // Refused attempts don't extend the lock: it lifts LOCK_SECONDS after the last counted attempt.
    await sleep(Math.max(0, lastAllowedAt + LOCK_SECONDS * 1000 + 300 - Date.now()));
    const again = await signIn(user.email, user.password, ip);
    expect(again.status).toBe(200);
    expect((await me(again.cookie)).status).toBe(200);
  });

  it("counts attempts, not failures: successful sign-ins use up the same allowance", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= LOGIN_MAX_ATTEMPTS + 1; attempt++) statuses.push((await signIn(w.users.ADMIN.email, w.users.ADMIN.password, ip)).status);
    expect(statuses).toEqual([...Array<number>(LOGIN_MAX_ATTEMPTS).fill(200), 429]);
  });

  it("refuses a cross-site sign-in POST without creating a session or counting an attempt", async () => {
    const user = await seedUser(w.prisma, "ADMIN");
    const mark = await auditMark(w.prisma);
    const ip = freshIp();
    const res = await signIn(user.email, user.password, ip, EVIL_ORIGIN);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: "FORBIDDEN", message: expect.any(String) } });
    expect(res.cookie).toBeUndefined();
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await auditSince(w.prisma, mark)).toEqual([]);
    expect(await w.prisma.rateLimit.count({ where: { key: { startsWith: `${ip}|` } } })).toBe(0);
  });
});

describe("disabled accounts", () => {
  it("disabling ends existing sessions at once; sign-in is refused (403 ACCOUNT_DISABLED) and creates no session", async () => {
    const user = await seedUser(w.prisma, "OPERATOR");
    const cookie = await sessionCookie(user);
    expect((await me(cookie)).status).toBe(200);

    const patch = await call(`/api/v1/users/${user.id}`, { method: "PATCH", bearer: w.tokens.ADMIN.secret, body: { disabled: true, reason: "left the team" } });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ disabled: true });

    const stale = await me(cookie);
    expect(stale.status).toBe(401);
    expect(await sessionsOf(user.id)).toBe(0);

    const mark = await auditMark(w.prisma);
    const res = await signIn(user.email, user.password, freshIp());
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: "ACCOUNT_DISABLED", message: expect.any(String) } });
    expect(res.cookie).toBeUndefined();
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await auditSince(w.prisma, mark)).map((e) => [e.actor, e.result, e.error])).toEqual([[user.email, "FAILED", "account disabled"]]);
  });

  it("a wrong password for a disabled account gets the ordinary 401 (no probing for disabled accounts)", async () => {
    const user = await seedUser(w.prisma, "VIEWER");
    await call(`/api/v1/users/${user.id}`, { method: "PATCH", bearer: w.tokens.ADMIN.secret, body: { disabled: true } });
    const disabled = await signIn(user.email, "not-the-password", freshIp());
    const ordinary = await signIn(w.users.VIEWER.email, "not-the-password", freshIp());
    expect([disabled.status, disabled.body]).toEqual([ordinary.status, ordinary.body]);
  });

  it("an enabled-again account can sign in", async () => {
    const user = await seedUser(w.prisma, "VIEWER");
    const patch = (disabled: boolean) => call(`/api/v1/users/${user.id}`, { method: "PATCH", bearer: w.tokens.ADMIN.secret, body: { disabled } });
    expect((await patch(true)).status).toBe(200);
    expect((await patch(false)).status).toBe(200);
    expect((await signIn(user.email, user.password, freshIp())).status).toBe(200);
  });
});

describe("sign-out", () => {
  it("ends the session: the cookie is cleared, the session row is gone, the old cookie no longer works", async () => {
    const user = await seedUser(w.prisma, "VIEWER");
    const ip = freshIp();
    const cookie = await sessionCookie(user, ip);
    expect(await sessionsOf(user.id)).toBe(1);

    const mark = await auditMark(w.prisma);
    const res = await call("/api/auth/sign-out", { method: "POST", cookie, origin: ORIGIN, ip });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="))).toMatch(/^better-auth\.session_token=;.*Max-Age=0/);
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await me(cookie)).status).toBe(401);
    expect((await auditSince(w.prisma, mark)).map((e) => [e.actor, e.action, e.result])).toEqual([[user.email, "auth.sign_out", "OK"]]);
  });

  it("a cross-site sign-out POST is refused and the session survives", async () => {
    const user = await seedUser(w.prisma, "VIEWER");
    const cookie = await sessionCookie(user);
    const res = await call("/api/auth/sign-out", { method: "POST", cookie, origin: EVIL_ORIGIN });
    expect(res.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
  });

  it(`also locks an account after ${ACCOUNT_MAX_FAILURES} failures from changing addresses (a spoofed X-Forwarded-For does not help)`, async () => {
    const ACCOUNT_LOCK_SECONDS = 12;
    process.env.FAULTLINE_ACCOUNT_LOCK_SECONDS = String(ACCOUNT_LOCK_SECONDS);
    const user = await seedUser(w.prisma, "VIEWER");
    const statuses: number[] = [];
    let lastFailureAt = 0;
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++, lastFailureAt = Date.now()) statuses.push((await signIn(user.email, "not-the-password", freshIp())).status);
    expect(statuses).toEqual(Array<number>(ACCOUNT_MAX_FAILURES).fill(401));
    const mark = await auditMark(w.prisma);
    const locked = await signIn(user.email, user.password, freshIp());
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ error: { code: "RATE_LIMITED", message: expect.any(String) } });
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.cookie).toBeUndefined();
    expect((await auditSince(w.prisma, mark)).map((e) => [e.actor, e.target, e.targetName, e.result])).toEqual([
      ["anonymous", `user:${user.id}`, user.email, "FAILED"],
    ]);
    // Other accounts are unaffected, and the lock lifts after the window.
    expect((await signIn(w.users.ADMIN.email, w.users.ADMIN.password, freshIp())).status).toBe(200);
    await sleep(Math.max(0, lastFailureAt + ACCOUNT_LOCK_SECONDS * 1000 + 300 - Date.now()));
    expect((await signIn(user.email, user.password, freshIp())).status).toBe(200);
    delete process.env.FAULTLINE_ACCOUNT_LOCK_SECONDS;
  });
});
