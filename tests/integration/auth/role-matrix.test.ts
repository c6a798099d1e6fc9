import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasRole, type Role } from "@/lib/auth/roles";
import { discoverRoutes, loadRoute, MUTATING_METHODS } from "../../support/in-process-app";
import { auditMark, auditSince, call, ORIGIN, sessionCookie, startAuthWorld, type AuthWorld, type CallOptions } from "./harness";
import { MUTATING_ROUTES, READ_ROUTES, type Gate } from "./mutating-routes";

// Every route × every kind of caller: the status, the error body, and — the part that matters
// for an audit trail — exactly one OK entry per change and no trace of a refused one.

interface Caller {
  label: string;
  role: Role | null;
  via: "anonymous" | "bearer" | "cookie";
}

const CALLERS: Caller[] = [
  { label: "anonymous", role: null, via: "anonymous" },
  { label: "viewer token", role: "VIEWER", via: "bearer" },
  { label: "operator token", role: "OPERATOR", via: "bearer" },
  { label: "admin token", role: "ADMIN", via: "bearer" },
  { label: "viewer session", role: "VIEWER", via: "cookie" },
  { label: "admin session", role: "ADMIN", via: "cookie" },
];

const ERROR_CODE: Record<number, string> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 409: "CONFLICT" };

/** The status `caller` must get from a route behind `gate`. */
function expectedStatus(gate: Gate | "public", okStatus: number, caller: Caller): number {
  if (gate === "setup") return 409; // users exist: first-run setup is closed to everyone
  if (gate === "public") return okStatus;
  if (!caller.role) return 401;
  if (gate === "person") return caller.via === "cookie" ? okStatus : 403;
  return hasRole(caller.role, gate) ? okStatus : 403;
}

// The catch-all is better-auth's own surface (sign-in, sign-out, session), tested on its own.
const BETTER_AUTH = "/api/auth/[...all]";
// The other catch-all answers every method on a path no route claims with a JSON 404.
const UNKNOWN_PATH = "/api/[...path]";
const EXEMPT = [BETTER_AUTH, UNKNOWN_PATH];

let w: AuthWorld;
const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "role_matrix");
  for (const c of CALLERS) if (c.via === "cookie") cookies[c.role!] = await sessionCookie(w.users[c.role!]);
});
afterAll(async () => {
  await w?.close();
});

/** Credentials of `caller`; every request comes from our own Origin, so only the role decides. */
function as(caller: Caller): CallOptions {
  const base = { origin: ORIGIN };
  if (caller.via === "bearer") return { ...base, bearer: w.tokens[caller.role!].secret };
  if (caller.via === "cookie") return { ...base, cookie: cookies[caller.role!] };
  return base;
}

/** How the audit log must name `caller`. */
function actorOf(caller: Caller): string {
  return caller.via === "bearer" ? w.tokens[caller.role!].actor : w.users[caller.role!].email;
}

describe("route inventory", () => {
  it("lists every POST/PUT/PATCH/DELETE handler under app/api in mutating-routes.ts, and nothing stale", async () => {
    const found: string[] = [];
    for (const route of discoverRoutes()) {
      if (EXEMPT.includes(route.template)) continue;
      const handlers = await loadRoute(route);
      for (const m of MUTATING_METHODS) if (handlers[m]) found.push(`${m} ${route.template}`);
    }
    const listed = MUTATING_ROUTES.map((r) => `${r.method} ${r.template}`);
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.filter((k) => !listed.includes(k)),
      "mutating handlers without a declared role: add them to tests/integration/auth/mutating-routes.ts",
    ).toEqual([]);
    expect(
      listed.filter((k) => !found.includes(k)),
      "listed in mutating-routes.ts but no such handler",
    ).toEqual([]);
  });

  it("lists every GET handler under app/api with its least role", async () => {
    const found: string[] = [];
    for (const route of discoverRoutes()) {
      if (!EXEMPT.includes(route.template) && (await loadRoute(route)).GET) found.push(route.template);
    }
    expect(found.sort()).toEqual(READ_ROUTES.map((r) => r.template).sort());
  });

  it("exempts only better-auth's catch-all, which exports just GET and POST", async () => {
    const exempt = discoverRoutes().filter((r) => r.template.startsWith("/api/auth"));
    expect(exempt.map((r) => r.template)).toEqual([BETTER_AUTH]);
    expect(Object.keys(await loadRoute(exempt[0]!)).sort()).toEqual(["GET", "POST"]);
  });

  it("answers a path no route claims with a JSON 404, for every method and caller", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const caller of CALLERS) {
        const res = await call("/api/v1/no-such-thing/x", { method, body: method === "GET" ? undefined : {}, ...as(caller) });
        expect(res.status, `${method} as ${caller.label}`).toBe(404);
        expect(res.body).toEqual({ error: { code: "NOT_FOUND", message: "no API route at /api/v1/no-such-thing/x" } });
      }
    }
  });
});

describe.each(MUTATING_ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))("%s", (_name, route) => {
  it.each(CALLERS.map((c) => [c.label, expectedStatus(route.gate, route.okStatus, c), c] as const))("%s → %i", async (_label, want, caller) => {
    const prepared = await route.prepare(w.prisma, caller.via === "cookie" ? w.users[caller.role!] : undefined);
    const mark = await auditMark(w.prisma);
    const res = await call(prepared.path, { method: route.method, body: prepared.body, ...as(caller) });

    expect(res.status, JSON.stringify(res.body)).toBe(want);
    // A failover started by an earlier case records its outcome (`….finished`) whenever it ends.
    // Refusals are audited as auth.refused, rate-limited per caller (tested in audit-log.test.ts).
    const entries = (await auditSince(w.prisma, mark)).filter((e) => !e.action.endsWith(".finished") && e.action !== "auth.refused");
    if (want < 300) {
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: actorOf(caller), action: route.action, result: "OK" });
      expect(await prepared.changed()).toBe(true);
    } else {
      expect(res.body).toEqual({ error: { code: ERROR_CODE[want], message: expect.any(String) } });
      expect(entries).toEqual([]);
      expect(await prepared.changed()).toBe(false);
    }
  });
});

describe.each(READ_ROUTES.map((r) => [`GET ${r.template}`, r] as const))("%s", (_name, route) => {
  it.each(CALLERS.map((c) => [c.label, expectedStatus(route.gate, 200, c), c] as const))("%s → %i", async (_label, want, caller) => {
    const path = await route.path(w.prisma);
    const mark = await auditMark(w.prisma);
    const res = await call(path, as(caller));
    expect(res.status, JSON.stringify(res.body)).toBe(want);
    if (want >= 400) expect(res.body).toEqual({ error: { code: ERROR_CODE[want], message: expect.any(String) } });
    // Refusals are audited as auth.refused, rate-limited per caller (tested in audit-log.test.ts).
    const entries = (await auditSince(w.prisma, mark)).filter((e) => !e.action.endsWith(".finished") && e.action !== "auth.refused");
    expect(entries, "reads are not audited").toEqual([]);
  });
});

// The role check comes before validation: a caller who may not use a route learns nothing about
// its parameters (an anonymous caller with a bad query is 401, not a 400 naming the field).
describe.each(READ_ROUTES.filter((r) => r.gate !== "public").map((r) => [`GET ${r.template} with a bad query`, r] as const))("%s", (_name, route) => {
  const BAD = "limit=abc&from=yesterday&to=0000-01-01&minutes=-1&format=xml&cursor=zz";
  it.each(CALLERS.filter((c) => expectedStatus(route.gate, 200, c) >= 400).map((c) => [c.label, expectedStatus(route.gate, 200, c), c] as const))(
    "%s → %i",
    async (_label, want, caller) => {
      const path = await route.path(w.prisma);
      const res = await call(`${path}${path.includes("?") ? "&" : "?"}${BAD}`, as(caller));
      expect(res.status, JSON.stringify(res.body)).toBe(want);
      expect(res.body).toEqual({ error: { code: ERROR_CODE[want], message: expect.any(String) } });
    },
  );
});

describe("what a caller sees", () => {
  it("GET /api/v1/me names the caller and its role, by token and by session", async () => {
    expect((await call("/api/v1/me", { bearer: w.tokens.OPERATOR.secret })).body).toEqual({
      kind: "token",
      name: w.tokens.OPERATOR.actor,
      role: "OPERATOR",
      mustChangePassword: false,
    });
    expect((await call("/api/v1/me", { cookie: cookies.VIEWER })).body).toEqual({
      kind: "user",
      name: w.users.VIEWER.email,
      role: "VIEWER",
      mustChangePassword: false,
    });
  });

  it("a viewer reads the service list; an operator reads the audit log", async () => {
    const services = await call("/api/v1/services", { bearer: w.tokens.VIEWER.secret });
    // The matrix has created well over a page of services by now: a list page with its cursor.
    expect(services.status).toBe(200);
    expect(services.body.items.length).toBeGreaterThan(0);
    expect(services.body).toHaveProperty("nextCursor");
    const audit = await call("/api/v1/audit?limit=5", { bearer: w.tokens.OPERATOR.secret });
    expect(audit.body.items.length).toBeGreaterThan(0); // the matrix above left entries
  });
});
