import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditMark, auditSince, call, freshIp, ORIGIN, signIn, startAuthWorld, uniqueName, type AuthWorld } from "./harness";

const NEW_PASSWORD = "my-own-password-2026";

describe("changing your own password (POST /api/v1/me/password)", () => {
  let w: AuthWorld;

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "password");
  });
  afterAll(async () => {
    await w?.close();
  });

  /** An account created by an admin through the API, signed in with the password the admin got. */
  async function adminCreatedUser() {
    const email = `${uniqueName("temp")}@example.com`;
    const created = await call("/api/v1/users", {
      method: "POST",
      bearer: w.tokens.ADMIN.secret,
      body: { email, name: "New", role: "OPERATOR", reason: "new on-call engineer" },
    });
    expect(created.status).toBe(201);
    const temporary = (created.body as { temporaryPassword: string }).temporaryPassword;
    const session = await signIn(email, temporary, freshIp());
    expect(session.status).toBe(200);
    return { email, id: (created.body as { user: { id: string } }).user.id, temporary, cookie: session.cookie! };
  }
  const change = (cookie: string, body: unknown) => call("/api/v1/me/password", { method: "POST", cookie, origin: ORIGIN, body });

  it("an admin-given password opens nothing but /me and the change itself (403 PASSWORD_CHANGE_REQUIRED)", async () => {
    const u = await adminCreatedUser();
    expect((await call("/api/v1/me", { cookie: u.cookie })).body).toMatchObject({ name: u.email, mustChangePassword: true });
    const blocked = await call("/api/v1/services", { cookie: u.cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ error: { code: "PASSWORD_CHANGE_REQUIRED", message: expect.stringContaining("/api/v1/me/password") } });

    const mark = await auditMark(w.prisma);
    const res = await change(u.cookie, { currentPassword: u.temporary, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect((await call("/api/v1/services", { cookie: u.cookie })).status).toBe(200);
    expect((await call("/api/v1/me", { cookie: u.cookie })).body).toMatchObject({ mustChangePassword: false });

    const entries = await auditSince(w.prisma, mark);
    expect(entries.map((e) => [e.action, e.result, e.actor, e.target])).toEqual([["user.password_change", "OK", u.email, `user:${u.id}`]]);
    // Neither password is ever written to the log.
    expect(JSON.stringify(entries, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(u.temporary);
    expect(JSON.stringify(entries, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(NEW_PASSWORD);

    expect((await signIn(u.email, u.temporary, freshIp())).status).toBe(401);
    expect((await signIn(u.email, NEW_PASSWORD, freshIp())).status).toBe(200);
  });

  it("ends the account's other sessions and keeps this one", async () => {
    const u = await adminCreatedUser();
    const other = await signIn(u.email, u.temporary, freshIp());
    expect((await change(u.cookie, { currentPassword: u.temporary, newPassword: NEW_PASSWORD })).body).toEqual({ otherSessionsEnded: 1 });
    expect((await call("/api/v1/me", { cookie: other.cookie! })).status).toBe(401);
    expect((await call("/api/v1/me", { cookie: u.cookie })).status).toBe(200);
  });

  it("a wrong current password is 400 naming currentPassword, audited FAILED, and changes nothing", async () => {
    const u = await adminCreatedUser();
    const mark = await auditMark(w.prisma);
    const res = await change(u.cookie, { currentPassword: "not-my-password", newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "currentPassword" });
    expect((await auditSince(w.prisma, mark)).map((e) => [e.action, e.result])).toEqual([["user.password_change", "FAILED"]]);
    expect((await signIn(u.email, u.temporary, freshIp())).status).toBe(200);
    expect((await w.prisma.user.findUnique({ where: { id: u.id } }))?.mustChangePassword).toBe(true);
  });

  it("validates: too short, same as the current one, unknown keys — each a 400 naming the field", async () => {
    const u = await adminCreatedUser();
    const cases: [unknown, string][] = [
      [{ currentPassword: u.temporary, newPassword: "short" }, "newPassword"],
      [{ currentPassword: u.temporary, newPassword: u.temporary }, "newPassword"],
      [{ currentPassword: u.temporary, newPassword: NEW_PASSWORD, role: "ADMIN" }, "role"],
      [{ newPassword: NEW_PASSWORD }, "currentPassword"],
    ];
    for (const [body, field] of cases) {
      const res = await change(u.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
  });

  it("after 10 wrong current passwords in 15 minutes, 429 — a stolen session cannot guess the password", async () => {
    const u = await adminCreatedUser();
    for (let i = 0; i < 10; i++) expect((await change(u.cookie, { currentPassword: `wrong-${i}-password`, newPassword: NEW_PASSWORD })).status).toBe(400);
    const res = await change(u.cookie, { currentPassword: u.temporary, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("RATE_LIMITED");
  });

  it("API tokens have no password (403); better-auth's own change-password endpoint is closed (404)", async () => {
    const res = await call("/api/v1/me/password", { method: "POST", bearer: w.tokens.ADMIN.secret, body: { currentPassword: "x", newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(403);
    const u = await adminCreatedUser();
    const direct = await call("/api/auth/change-password", {
      method: "POST",
      cookie: u.cookie,
      origin: ORIGIN,
      body: { currentPassword: u.temporary, newPassword: NEW_PASSWORD },
    });
    expect(direct.status).toBe(404);
    expect((await signIn(u.email, u.temporary, freshIp())).status).toBe(200);
  });

  it("accounts from first-run setup and seeded users are not asked to change", async () => {
    expect((await call("/api/v1/me", { cookie: (await signIn(w.users.VIEWER.email, w.users.VIEWER.password, freshIp())).cookie! })).body).toMatchObject({
      mustChangePassword: false,
    });
  });
});
