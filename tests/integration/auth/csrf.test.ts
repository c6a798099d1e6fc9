import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditMark, auditSince, call, EVIL_ORIGIN, ORIGIN, sessionCookie, startAuthWorld, uniqueName, type AuthWorld, type CallOptions } from "./harness";

// A signed-in admin visits another page that posts to Faultline. SameSite=Lax keeps the cookie off
// cross-site POSTs, but not off same-site ones (another port or a sibling host of the same site),
// and not on older browsers: the Origin check must refuse them on its own.

let w: AuthWorld;
let cookie: string;

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "csrf");
  cookie = await sessionCookie(w.users.ADMIN);
});
afterAll(async () => {
  await w?.close();
});

/** POST /api/v1/tokens for a new token; returns the answer and what it left behind. */
async function createToken(o: CallOptions) {
  const name = uniqueName("csrf");
  const mark = await auditMark(w.prisma);
  const res = await call("/api/v1/tokens", { method: "POST", body: { name, role: "ADMIN" }, ...o });
  return {
    res,
    created: await w.prisma.apiToken.count({ where: { name } }),
    entries: await auditSince(w.prisma, mark),
  };
}

describe("cookie-authenticated mutations", () => {
  it("refuse another site's Origin: 403, no token, only the refusal audited", async () => {
    const { res, created, entries } = await createToken({ cookie, origin: EVIL_ORIGIN });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: "FORBIDDEN", message: expect.stringMatching(/cross-site/) } });
    expect(created).toBe(0);
    expect(entries.map((e) => [e.action, e.target, e.result])).toEqual([["auth.refused", "route:POST /api/v1/tokens", "FAILED"]]);
  });

  it("refuse a form POST without Origin that the browser marks Sec-Fetch-Site: cross-site", async () => {
    const name = uniqueName("csrf-form");
    const mark = await auditMark(w.prisma);
    const res = await call("/api/v1/tokens", {
      method: "POST",
      cookie,
      body: new URLSearchParams({ name, role: "ADMIN" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect(await w.prisma.apiToken.count({ where: { name } })).toBe(0);
    expect(await auditSince(w.prisma, mark)).toEqual([]);
  });

  it("refuse a POST with no Origin and no Sec-Fetch-Site, with `Origin: null`, or from another port of the same host", async () => {
    for (const o of [{}, { origin: "null" }, { origin: "http://127.0.0.1:3001" }] satisfies CallOptions[]) {
      const { res, created, entries } = await createToken({ cookie, ...o });
      expect(res.status, JSON.stringify(o)).toBe(403);
      expect(created).toBe(0);
      expect(entries).toEqual([]);
    }
  });

  it("work from our own Origin (201), or when the browser says Sec-Fetch-Site: same-origin", async () => {
    for (const o of [{ origin: ORIGIN }, { headers: { "sec-fetch-site": "same-origin" } }] satisfies CallOptions[]) {
      const { res, created, entries } = await createToken({ cookie, ...o });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(created).toBe(1);
      expect(entries.map((e) => [e.actor, e.action, e.result])).toEqual([[w.users.ADMIN.email, "token.create", "OK"]]);
    }
  });

  it("a same-origin form-encoded body is not mistaken for JSON (400, nothing created)", async () => {
    const name = uniqueName("csrf-form");
    const res = await call("/api/v1/tokens", {
      method: "POST",
      cookie,
      origin: ORIGIN,
      body: new URLSearchParams({ name, role: "ADMIN" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "body" });
    expect(await w.prisma.apiToken.count({ where: { name } })).toBe(0);
  });

  it("reads need no Origin", async () => {
    expect((await call("/api/v1/tokens", { cookie })).status).toBe(200);
  });
});

describe("bearer-authenticated mutations", () => {
  it("work without an Origin (scripts and CI send none)", async () => {
    const { res, created, entries } = await createToken({ bearer: w.tokens.ADMIN.secret });
    expect(res.status).toBe(201);
    expect(created).toBe(1);
    expect(entries.map((e) => [e.actor, e.result])).toEqual([[w.tokens.ADMIN.actor, "OK"]]);
  });

  it("are not refused for a foreign Origin either: no cookie rides along, so there is nothing to forge", async () => {
    const { res, created } = await createToken({ bearer: w.tokens.ADMIN.secret, origin: EVIL_ORIGIN });
    expect(res.status).toBe(201);
    expect(created).toBe(1);
  });
});
