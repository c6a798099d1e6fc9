import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withClient } from "../../support/databases";
import { discoverRoutes, loadRoute, MUTATING_METHODS } from "../../support/in-process-app";
import { auditMark, auditSince, call, ORIGIN, sessionCookie, startAuthWorld, uniqueName, type AuthWorld } from "./harness";

interface Item {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  targetName: string | null;
  result: "OK" | "FAILED";
}

let w: AuthWorld;
/** Between the two batches of changes below: everything before it is batch 1. */
let boundary: string;
/** A tag only in the emails of the first user created below (and its entries' targets). */
let tag: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET /api/v1/audit as an operator (the least role that may read it). */
async function audit(query: Record<string, string | number> = {}) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return call(`/api/v1/audit?${qs}`, { bearer: w.tokens.OPERATOR.secret });
}

async function items(query: Record<string, string | number> = {}): Promise<Item[]> {
  const res = await audit({ limit: 500, ...query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Item[];
}

/** Every entry, newest first, straight from the table: what the filters are checked against. */
async function all(): Promise<Item[]> {
  const rows = await w.prisma.auditEntry.findMany({ orderBy: { id: "desc" } });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    targetName: r.targetName,
    result: r.result,
  }));
}

const ids = (list: Item[]) => list.map((i) => i.id);

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "audit_log");
  const bearer = w.tokens.ADMIN.secret;
  tag = uniqueName("tagged");

  // Batch 1, by the admin token: user and token changes, and one refused change.
  const u1 = await call("/api/v1/users", { method: "POST", bearer, body: { email: `${tag}@example.com`, name: "Tagged", role: "VIEWER" } });
  await call(`/api/v1/users/${u1.body.user.id}`, { method: "PATCH", bearer, body: { role: "OPERATOR" } });
  await call("/api/v1/users", { method: "POST", bearer, body: { email: `${uniqueName("other")}@example.com`, name: "Other", role: "VIEWER" } });
  await call("/api/v1/users", { method: "POST", bearer, body: { email: `${tag}@example.com`, name: "Twin", role: "VIEWER" } }); // 409 → FAILED
  const t = await call("/api/v1/tokens", { method: "POST", bearer, body: { name: uniqueName("audit"), role: "VIEWER" } });
  await call(`/api/v1/tokens/${t.body.token.id}`, { method: "DELETE", bearer });

  await sleep(50);
  boundary = new Date().toISOString();
  await sleep(50);

  // Batch 2, by the admin's browser session.
  const cookie = await sessionCookie(w.users.ADMIN);
  await call("/api/v1/users", { method: "POST", cookie, origin: ORIGIN, body: { email: `${uniqueName("late")}@example.com`, name: "Late", role: "VIEWER" } });
  await call("/api/v1/tokens", { method: "POST", cookie, origin: ORIGIN, body: { name: uniqueName("late"), role: "VIEWER" } });
});
afterAll(async () => {
  await w?.close();
});

describe("GET /api/v1/audit", () => {
  it("lists entries newest first", async () => {
    const everything = await all();
    expect(everything.length).toBeGreaterThanOrEqual(9);
    expect(ids(await items())).toEqual(ids(everything));
  });

  it("filters by exact actor", async () => {
    for (const actor of [w.tokens.ADMIN.actor, w.users.ADMIN.email]) {
      const got = await items({ actor });
      expect(got.length, actor).toBeGreaterThan(0);
      expect(ids(got)).toEqual(ids((await all()).filter((e) => e.actor === actor)));
    }
    expect(await items({ actor: w.tokens.ADMIN.actor.toUpperCase() })).toEqual([]);
  });

  it("filters by action prefix (`user.`) or exact action", async () => {
    const users = await items({ action: "user." });
    expect(new Set(users.map((e) => e.action))).toEqual(new Set(["user.create", "user.update"]));
    expect(ids(users)).toEqual(ids((await all()).filter((e) => e.action.startsWith("user."))));

    const creates = await items({ action: "user.create" });
    expect(new Set(creates.map((e) => e.action))).toEqual(new Set(["user.create"]));
    expect(creates.length).toBeLessThan(users.length);
    // Without the trailing dot it is an exact action, and there is no action "user".
    expect(await items({ action: "user" })).toEqual([]);
  });

  it("filters by target substring, case-insensitively", async () => {
    const got = await items({ target: tag.toUpperCase() });
    expect(got.map((e) => [e.action, e.result]).sort()).toEqual([
      ["user.create", "FAILED"],
      ["user.create", "OK"],
      ["user.update", "OK"],
    ]);
    expect(got.every((e) => e.target.startsWith("user:") && e.targetName?.includes(tag))).toBe(true);
  });

  it("filters by time: from and to are inclusive bounds on `at`", async () => {
    const everything = await all();
    const late = await items({ from: boundary });
    const early = await items({ to: boundary });
    expect(late.length).toBeGreaterThan(0);
    expect(early.length).toBeGreaterThan(0);
    expect(ids(late)).toEqual(ids(everything.filter((e) => e.at >= boundary)));
    expect(ids(early)).toEqual(ids(everything.filter((e) => e.at <= boundary)));
    expect(late.every((e) => e.actor === w.users.ADMIN.email)).toBe(true);

    const first = everything[everything.length - 1]!;
    expect(ids(await items({ from: first.at, to: first.at }))).toContain(first.id);

    const backwards = await audit({ from: boundary, to: first.at });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: "VALIDATION", field: "from" });
    expect((await audit({ from: "yesterday" })).body.error).toMatchObject({ code: "VALIDATION", field: "from" });
  });

  it("filters by result", async () => {
    const failed = await items({ result: "FAILED" });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => e.result === "FAILED")).toBe(true);
    expect(failed.some((e) => e.action === "user.create" && e.targetName?.includes(tag))).toBe(true);
    const okOnes = await items({ result: "OK" });
    expect(okOnes.length + failed.length).toBe((await all()).length);
    expect((await audit({ result: "MAYBE" })).status).toBe(400);
  });

  it("pages with a cursor, visiting every entry once, also under a filter", async () => {
    for (const [query, size] of [
      [{}, 3],
      [{ action: "user." }, 1],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res = await audit({ ...query, limit: size, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(size);
        seen.push(...ids(res.body.items));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen).toEqual(ids(await items(query)));
    }
    const bad = await audit({ cursor: "abc" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION", field: "cursor" });
  });
});

describe("the audit log cannot be changed", () => {
  it("no route under app/api/v1/audit exports PUT, PATCH or DELETE (or POST)", async () => {
    const routes = discoverRoutes("api/v1/audit");
    expect(routes.map((r) => r.template)).toEqual(["/api/v1/audit"]);
    for (const route of routes) {
      const handlers = await loadRoute(route);
      expect(MUTATING_METHODS.filter((m) => handlers[m])).toEqual([]);
    }
    for (const method of MUTATING_METHODS) {
      expect((await call("/api/v1/audit", { method, bearer: w.tokens.ADMIN.secret })).status).toBe(405);
    }
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE on AuditEntry, even for the database owner", async () => {
    const before = await all();
    await withClient(w.db.url, async (c) => {
      for (const sql of [
        `UPDATE "AuditEntry" SET "actor" = 'someone-else' WHERE "id" = ${before[0]!.id}`,
        `UPDATE "AuditEntry" SET "result" = 'OK' WHERE "result" = 'FAILED'`,
        `DELETE FROM "AuditEntry" WHERE "id" = ${before[0]!.id}`,
        `DELETE FROM "AuditEntry"`,
        `TRUNCATE "AuditEntry"`,
      ]) {
        await expect(c.query(sql), sql).rejects.toThrow(/append-only/);
      }
    });
    expect(await all()).toEqual(before);
  });
});

describe("refused requests", () => {
  it("are audited as auth.refused naming the route, once per caller per minute with the count carried", async () => {
    const mark = await auditMark(w.prisma);
    const viewer = w.tokens.VIEWER;
    const path = "/api/v1/users";
    for (let i = 0; i < 5; i++) {
      const res = await call(path, { method: "POST", bearer: viewer.secret, body: { email: `${uniqueName("x")}@example.com`, name: "X", role: "VIEWER" } });
      expect(res.status).toBe(403);
    }
    const anonymous = await call(path, { method: "POST", origin: ORIGIN, body: {} });
    expect(anonymous.status).toBe(401);

    const refused = (await auditSince(w.prisma, mark)).filter((e) => e.action === "auth.refused");
    expect(refused.map((e) => [e.actor, e.target, e.result])).toEqual([
      [viewer.actor, `route:POST ${path}`, "FAILED"],
      ["anonymous", `route:POST ${path}`, "FAILED"],
    ]);
    expect(refused[0]!.error).toMatch(/needs the admin role/);
    // Nothing else was written: the refused creations changed nothing.
    expect((await auditSince(w.prisma, mark)).filter((e) => e.action !== "auth.refused")).toEqual([]);
  });
});
