import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditMark, auditSince, call, freshIp, ORIGIN, sessionCookie, signIn, startAuthWorld, uniqueName, type AuthWorld } from "./harness";

describe("users (seeded database)", () => {
  let w: AuthWorld;
  let admin: string;

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "users");
    admin = w.tokens.ADMIN.secret;
  });
  afterAll(async () => {
    await w?.close();
  });

  const createUser = (body: Record<string, unknown>) => call("/api/v1/users", { method: "POST", bearer: admin, body });
  const patchUser = (id: string, body: Record<string, unknown>) => call(`/api/v1/users/${id}`, { method: "PATCH", bearer: admin, body });

  it("creates a user with a temporary password that is returned once and signs in", async () => {
    const email = `${uniqueName("new")}@example.com`;
    const res = await createUser({ email: email.toUpperCase(), name: "New Person", role: "OPERATOR" });
    expect(res.status).toBe(201);
    const { user, temporaryPassword } = res.body as { user: { id: string; email: string }; temporaryPassword: string };
    expect(user).toMatchObject({ email, name: "New Person", role: "OPERATOR", disabled: false });
    expect(temporaryPassword).toEqual(expect.any(String));
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);

    const list = await call("/api/v1/users", { bearer: admin });
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain(email);
    expect(JSON.stringify(list.body)).not.toContain(temporaryPassword);
    expect(JSON.stringify(await call(`/api/v1/audit?target=${encodeURIComponent(email)}`, { bearer: admin }))).not.toContain(temporaryPassword);

    const session = await signIn(email, temporaryPassword, freshIp());
    expect(session.status).toBe(200);
    expect((await call("/api/v1/me", { cookie: session.cookie })).body).toEqual({ kind: "user", name: email, role: "OPERATOR", mustChangePassword: true });
  });

  it("with a chosen password, none is returned", async () => {
    const email = `${uniqueName("chosen")}@example.com`;
    const res = await createUser({ email, name: "Chosen", role: "VIEWER", password: "chosen-password-123" });
    expect(res.status).toBe(201);
    expect(res.body.temporaryPassword).toBeNull();
    expect((await signIn(email, "chosen-password-123", freshIp())).status).toBe(200);
  });

  it("a duplicate email is 409 naming `email` (case-insensitively), and nothing is created", async () => {
    const mark = await auditMark(w.prisma);
    const res = await createUser({ email: w.users.VIEWER.email.toUpperCase(), name: "Twin", role: "VIEWER" });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: "CONFLICT", message: expect.any(String), field: "email" } });
    expect(await w.prisma.user.count({ where: { email: w.users.VIEWER.email } })).toBe(1);
    // A refused change by an authorised caller is on record as FAILED, with why.
    expect((await auditSince(w.prisma, mark)).map((e) => [e.action, e.result])).toEqual([["user.create", "FAILED"]]);
  });

  it("an invalid email is 400 naming `email`", async () => {
    for (const email of ["not-an-email", "", "a@b"]) {
      const res = await createUser({ email, name: "Bad", role: "VIEWER" });
      expect(res.status, email).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "email" });
    }
  });

  it("changes a role, effective on the user's next request", async () => {
    const cookie = await sessionCookie(w.users.VIEWER);
    expect((await call("/api/v1/audit", { cookie })).status).toBe(403);

    const res = await patchUser(w.users.VIEWER.id, { role: "OPERATOR", reason: "on call this week" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.users.VIEWER.id, role: "OPERATOR" });
    expect((await call("/api/v1/me", { cookie })).body.role).toBe("OPERATOR");
    expect((await call("/api/v1/audit", { cookie })).status).toBe(200);

    const entry = await w.prisma.auditEntry.findFirstOrThrow({ where: { action: "user.update" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({
      actor: w.tokens.ADMIN.actor,
      target: `user:${w.users.VIEWER.id}`,
      targetName: w.users.VIEWER.email,
      reason: "on call this week",
      result: "OK",
    });
    expect(entry.before).toMatchObject({ role: "VIEWER" });
    expect(entry.after).toMatchObject({ role: "OPERATOR" });

    expect((await patchUser(w.users.VIEWER.id, { role: "VIEWER" })).status).toBe(200);
  });

  it("rejects a PATCH without role or disabled (400), and an unknown user (404)", async () => {
    expect((await patchUser(w.users.VIEWER.id, { reason: "nothing" })).status).toBe(400);
    const missing = await patchUser("no-such-user", { role: "ADMIN" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
  });

  it("the last enabled admin can be neither demoted nor disabled (409); with a second admin, they can", async () => {
    const only = w.users.ADMIN;
    expect(await w.prisma.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);

    const demote = await patchUser(only.id, { role: "OPERATOR" });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({ code: "CONFLICT", field: "role" });
    const disable = await patchUser(only.id, { disabled: true });
    expect(disable.status).toBe(409);
    expect(disable.body.error).toMatchObject({ code: "CONFLICT", field: "disabled" });
    expect(await w.prisma.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ role: "ADMIN", disabledAt: null });

    // A disabled admin doesn't count as the other admin.
    const second = await createUser({ email: `${uniqueName("admin2")}@example.com`, name: "Second", role: "ADMIN" });
    const secondId = second.body.user.id as string;
    expect((await patchUser(secondId, { disabled: true })).status).toBe(200);
    expect((await patchUser(only.id, { role: "OPERATOR" })).status).toBe(409);

    expect((await patchUser(secondId, { disabled: false })).status).toBe(200);
    expect((await patchUser(only.id, { role: "OPERATOR" })).status).toBe(200);
    // …and now the second one is the last.
    expect((await patchUser(secondId, { role: "VIEWER" })).status).toBe(409);
    expect((await patchUser(only.id, { role: "ADMIN" })).status).toBe(200);
  });

  it("concurrent demotions of every admin leave exactly one enabled admin", async () => {
    // Five enabled admins (the seeded one and four new ones), all demoted at the same moment.
    await w.prisma.user.updateMany({ where: { role: "ADMIN", id: { not: w.users.ADMIN.id } }, data: { role: "OPERATOR" } });
    const ids = [w.users.ADMIN.id];
    for (let i = 0; i < 4; i++) {
      ids.push((await createUser({ email: `${uniqueName(`admin${i}`)}@example.com`, name: "Another admin", role: "ADMIN" })).body.user.id);
    }
    const results = await Promise.all(ids.map((id) => patchUser(id, { role: "OPERATOR" })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 409]);
    const left = await w.prisma.user.findMany({ where: { role: "ADMIN", disabledAt: null } });
    expect(left.map((u) => u.id)).toEqual([ids[results.findIndex((r) => r.status === 409)]]);
    // Put the seeded admin back for the tests after this one.
    expect((await patchUser(w.users.ADMIN.id, { role: "ADMIN" })).status).toBe(200);
  });

  it("first-run setup answers 409 once users exist, creates nothing and writes nothing", async () => {
    expect((await call("/api/v1/setup")).body).toEqual({ needed: false });
    const email = `${uniqueName("intruder")}@example.com`;
    const mark = await auditMark(w.prisma);
    const res = await call("/api/v1/setup", { method: "POST", origin: ORIGIN, body: { email, password: "a-long-enough-password" } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: "CONFLICT", message: expect.stringMatching(/already set up/) } });
    expect(await w.prisma.user.count({ where: { email } })).toBe(0);
    expect(await auditSince(w.prisma, mark)).toEqual([]);
  });
});

describe("first-run setup (empty database)", () => {
  let w: AuthWorld;

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "setup", { seed: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  const setup = (email: string, origin = ORIGIN) => call("/api/v1/setup", { method: "POST", origin, body: { email, password: "first-admin-password" } });

  it("refuses a cross-site setup POST even while setup is open", async () => {
    const res = await setup(`${uniqueName("evil")}@example.com`, "https://evil.example");
    expect(res.status).toBe(403);
    expect(await w.prisma.user.count()).toBe(0);
  });

  it("creates the admin exactly once, even with concurrent calls", async () => {
    expect((await call("/api/v1/setup")).body).toEqual({ needed: true });
    const emails = Array.from({ length: 5 }, (_, i) => `${uniqueName(`first${i}`)}@example.com`);
    const results = await Promise.all(emails.map((email) => setup(email)));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201)).toEqual([409, 409, 409, 409]);
    const winner = emails[statuses.indexOf(201)]!;
    expect(results[statuses.indexOf(201)]!.body).toMatchObject({ email: winner, role: "ADMIN" });

    expect(await w.prisma.user.findMany({ select: { email: true, role: true } })).toEqual([{ email: winner, role: "ADMIN" }]);
    const admin = await w.prisma.user.findUniqueOrThrow({ where: { email: winner } });
    const ok = await w.prisma.auditEntry.findMany({ where: { action: "setup.create_admin", result: "OK" } });
    expect(ok.map((e) => [e.actor, e.target, e.targetName])).toEqual([[winner, `user:${admin.id}`, winner]]);
    expect((await call("/api/v1/setup")).body).toEqual({ needed: false });

    // The new admin signs in and can administer.
    const session = await signIn(winner, "first-admin-password", freshIp());
    expect(session.status).toBe(200);
    expect((await call("/api/v1/users", { cookie: session.cookie })).status).toBe(200);
  });
});
