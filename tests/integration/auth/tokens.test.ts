import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashTokenSecret, newTokenSecret } from "@/lib/auth/tokens";
import { registerBootstrapToken } from "@/lib/tokens/bootstrap-token";
import { auditMark, auditSince, call, freshIp, seedToken, sessionCookie, startAuthWorld, uniqueName, type AuthWorld } from "./harness";

let w: AuthWorld;
let admin: string;

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "tokens");
  admin = w.tokens.ADMIN.secret;
});
afterAll(async () => {
  await w?.close();
});

const me = (secret: string) => call("/api/v1/me", { bearer: secret });
const createToken = (body: Record<string, unknown>) => call("/api/v1/tokens", { method: "POST", bearer: admin, body });
const revoke = (id: string) => call(`/api/v1/tokens/${id}`, { method: "DELETE", bearer: admin, body: { reason: "test" } });

describe("API tokens", () => {
  it("a created token works with its role, and its secret is shown only in the create answer", async () => {
    const name = uniqueName("ci");
    const created = await createToken({ name, role: "OPERATOR" });
    expect(created.status).toBe(201);
    const { token, secret } = created.body as { token: { id: string; prefix: string }; secret: string };
    expect(secret).toMatch(/^flt_[\w-]{43}$/);
    expect(token).toMatchObject({ name, role: "OPERATOR", prefix: secret.slice(0, 8), createdBy: w.tokens.ADMIN.actor, active: true, lastUsedAt: null });
    expect(token).not.toHaveProperty("secret");
    expect(token).not.toHaveProperty("secretHash");

    expect((await me(secret)).body).toEqual({ kind: "token", name: `token:${name}`, role: "OPERATOR", mustChangePassword: false });

    const list = await call("/api/v1/tokens", { bearer: admin });
    expect(list.status).toBe(200);
    const raw = JSON.stringify(list.body);
    expect(raw).toContain(name);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(hashTokenSecret(secret));
    expect(raw).not.toContain("secretHash");
    // Nor is it kept in the audit log.
    const audit = await call(`/api/v1/audit?target=${encodeURIComponent(`token:${name}`)}`, { bearer: admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(["token.create"]);
    const logged = JSON.stringify(audit.body);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(hashTokenSecret(secret));
  });

  it("records when a token was last used", async () => {
    const t = await seedToken(w.prisma, "VIEWER");
    expect((await w.prisma.apiToken.findUniqueOrThrow({ where: { id: t.id } })).lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await me(t.secret)).status).toBe(200);
    const used = (await w.prisma.apiToken.findUniqueOrThrow({ where: { id: t.id } })).lastUsedAt;
    expect(used?.getTime()).toBeGreaterThanOrEqual(before - 5);
    const listed = (await call("/api/v1/tokens", { bearer: admin })).body.items.find((i: { id: string }) => i.id === t.id);
    expect(listed.lastUsedAt).toBe(used?.toISOString());
  });

  it("a revoked token is refused at once; revoking again answers the same and is audited each time", async () => {
    const t = await seedToken(w.prisma, "OPERATOR");
    expect((await me(t.secret)).status).toBe(200);

    const mark = await auditMark(w.prisma);
    const first = await revoke(t.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: t.id, active: false, revokedBy: w.tokens.ADMIN.actor, revokedAt: expect.any(String) });

    const refused = await me(t.secret);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) } });

    const second = await revoke(t.id);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);

    const entries = await auditSince(w.prisma, mark);
    expect(entries.map((e) => [e.actor, e.action, e.target, e.targetName, e.result])).toEqual([
      [w.tokens.ADMIN.actor, "token.revoke", `token:${t.id}`, t.name, "OK"],
      [w.tokens.ADMIN.actor, "token.revoke", `token:${t.id}`, t.name, "OK"],
    ]);
  });

  it("revoking an unknown id is 404, also when it is not a UUID", async () => {
    for (const id of ["0190b4c4-3f6e-7d2a-9c1e-000000000000", "not-a-token-id"]) {
      const res = await revoke(id);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({ error: { code: "NOT_FOUND", message: "token not found" } });
    }
  });

  it("an expired token is refused; a token made with expiresInDays expires then", async () => {
    const expired = await seedToken(w.prisma, "ADMIN", { expiresAt: new Date(Date.now() - 1000) });
    const res = await me(expired.secret);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");

    const created = await createToken({ name: uniqueName("short"), role: "VIEWER", expiresInDays: 2 });
    const expiresAt = new Date(created.body.token.expiresAt).getTime();
    expect(Math.abs(expiresAt - (Date.now() + 2 * 86_400_000))).toBeLessThan(60_000);
  });

  it("an unknown bearer secret is 401 — even alongside a valid session cookie", async () => {
    const cookie = await sessionCookie(w.users.ADMIN, freshIp());
    expect((await call("/api/v1/me", { cookie })).status).toBe(200);
    const res = await call("/api/v1/me", { cookie, bearer: newTokenSecret().secret });
    expect(res.status).toBe(401);
  });

  it("token names are unique (409 naming the field)", async () => {
    const res = await createToken({ name: w.tokens.VIEWER.name, role: "VIEWER" });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "CONFLICT", field: "name" });
  });
});

describe("FAULTLINE_BOOTSTRAP_TOKEN", () => {
  const secretA = `bootstrap-${"a".repeat(40)}`;
  const secretB = `bootstrap-${"b".repeat(40)}`;
  const row = () => w.prisma.apiToken.findUniqueOrThrow({ where: { name: "bootstrap" } });

  it("is registered once as the admin token `bootstrap`, and left alone when unchanged", async () => {
    expect(await registerBootstrapToken(w.prisma, secretA)).toBe("created");
    expect((await me(secretA)).body).toEqual({ kind: "token", name: "token:bootstrap", role: "ADMIN", mustChangePassword: false });
    const created = await row();
    expect(created).toMatchObject({ role: "ADMIN", createdBy: "system", secretHash: hashTokenSecret(secretA), revokedAt: null });

    const mark = await auditMark(w.prisma);
    expect(await registerBootstrapToken(w.prisma, secretA)).toBe("unchanged");
    expect(await row()).toEqual(created);
    expect(await auditSince(w.prisma, mark)).toEqual([]);
    expect(await w.prisma.apiToken.count({ where: { name: "bootstrap" } })).toBe(1);
  });

  it("stays revoked when the same secret is registered again (a restart must not undo a revocation)", async () => {
    const { id } = await row();
    expect((await revoke(id)).status).toBe(200);
    expect((await me(secretA)).status).toBe(401);

    expect(await registerBootstrapToken(w.prisma, secretA)).toBe("unchanged");
    expect((await row()).revokedAt).not.toBeNull();
    expect((await me(secretA)).status).toBe(401);
  });

  it("a new secret rotates it: the new one works, the old one no longer does", async () => {
    const mark = await auditMark(w.prisma);
    expect(await registerBootstrapToken(w.prisma, secretB)).toBe("rotated");
    expect((await me(secretB)).body).toMatchObject({ name: "token:bootstrap", role: "ADMIN" });
    expect((await me(secretA)).status).toBe(401);
    expect((await row()).revokedAt).toBeNull();
    expect((await auditSince(w.prisma, mark)).map((e) => [e.actor, e.action, e.target, e.result])).toEqual([
      ["system", "token.rotate", `token:${(await row()).id}`, "OK"],
    ]);
  });
});
