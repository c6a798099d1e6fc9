import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runningPostmaster } from "@/lib/db/embedded/orphan";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded/server";
import { call, ORIGIN, sessionCookie, startAuthWorld, type AuthWorld } from "./auth/harness";
import { MUTATING_ROUTES, READ_ROUTES } from "./auth/mutating-routes";
import { eventually } from "../support/eventually";
import { discoverRoutes, loadRoute, MUTATING_METHODS } from "../support/in-process-app";
import { makeTempDir, removeDir } from "../support/temp-dir";

// The server's own embedded PostgreSQL, supervised (as lib/db/start runs it), with the app's
// route handlers in this process pointed at it: kill -9 its postmaster and watch it come back;
// then stop it for good and sweep every route of the route table while it is down.

const BETTER_AUTH = "/api/auth/[...all]";
const UNAVAILABLE = { error: { code: "DATABASE_UNAVAILABLE", message: "database unavailable, retrying" } };

let dir: string;
let pgDir: string;
let server: EmbeddedServer | undefined;
let w: AuthWorld;

beforeAll(async () => {
  dir = await makeTempDir("supervise");
  pgDir = path.join(dir, "pg");
  server = await startEmbeddedPostgres({ dataDir: dir, supervise: true });
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  w = await startAuthWorld(admin.toString(), "supervise");
});
afterAll(async () => {
  await w?.close().catch(() => undefined); // the database may be down by now: nothing to drop
  await server?.stop();
  const orphan = await runningPostmaster(pgDir);
  if (orphan) process.kill(orphan, "SIGINT");
  await removeDir(dir);
});

describe("supervised embedded PostgreSQL", () => {
  it("after kill -9 of the postmaster, restarts it within 5 s with every record, and /api/v1/status shows the restart", async () => {
    const marker = await w.prisma.rootCauseCategory.create({ data: { name: `before-kill-${Date.now()}`, label: "before kill -9" } });
    const before = (await runningPostmaster(pgDir))!;
    expect(before).toBeGreaterThan(0);

    const t0 = performance.now();
    process.kill(before, "SIGKILL");
    const after = await eventually(
      "a restarted postmaster",
      async () => {
        const pid = await runningPostmaster(pgDir);
        return pid && pid !== before && (await w.prisma.$queryRaw`SELECT 1`) ? pid : null;
      },
      10_000,
      50,
    );
    const restartMs = Math.round(performance.now() - t0);
    console.log(`embedded PostgreSQL: kill -9 → serving again in ${restartMs} ms (postmaster ${before} → ${after})`);
    expect(restartMs).toBeLessThan(5_000);

    expect(await w.prisma.rootCauseCategory.findUnique({ where: { name: marker.name } })).not.toBeNull();
    const status = await eventually("status ok", async () => {
      const r = await call("/api/v1/status");
      return r.status === 200 ? r : null;
    });
    expect(status.body.database).toMatchObject({ mode: "embedded", state: "UP", restarts: 1, lastRestartAt: expect.any(String) });
    expect(status.body.database.lastDownSec).toBeLessThan(5);
  });

  it("while the database is down, every route of the route table answers 503 DATABASE_UNAVAILABLE with Retry-After", async () => {
    // Everything a call needs is seeded while the database is up.
    const bearer = w.tokens.ADMIN.secret;
    const cookie = await sessionCookie(w.users.ADMIN);
    const reads = new Map<string, string>();
    for (const r of READ_ROUTES) reads.set(r.template, await r.path(w.prisma));
    const writes = [];
    for (const r of MUTATING_ROUTES) writes.push({ route: r, prepared: await r.prepare(w.prisma) });

    await server!.stop(); // supervision ends with it: the database stays down
    server = undefined;

    const calls: Array<{ name: string; path: string; method: string; body?: unknown; cookie?: boolean }> = [];
    // better-auth's own surface: the session the console asks for.
    calls.push({ name: "GET /api/auth/get-session (session)", path: "/api/auth/get-session", method: "GET", cookie: true });
    for (const route of discoverRoutes()) {
      // The unknown-path catch-all answers 404 without touching the database.
      if (route.template === BETTER_AUTH || route.template === "/api/[...path]") continue;
      const handlers = await loadRoute(route);
      if (handlers.GET) {
        const p = reads.get(route.template);
        expect(p, `${route.template}: no READ_ROUTES entry`).toBeDefined();
        calls.push({ name: `GET ${route.template}`, path: p!, method: "GET" });
        calls.push({ name: `GET ${route.template} (session)`, path: p!, method: "GET", cookie: true });
      }
      for (const m of MUTATING_METHODS) {
        if (!handlers[m]) continue;
        const wr = writes.find((x) => x.route.method === m && x.route.template === route.template);
        expect(wr, `${m} ${route.template}: no MUTATING_ROUTES entry`).toBeDefined();
        calls.push({ name: `${m} ${route.template}`, path: wr!.prepared.path, method: m, body: wr!.prepared.body });
      }
    }
    expect(calls.length).toBeGreaterThan(30);

    const wrong: string[] = [];
    for (const c of calls) {
      const res = await call(c.path, { method: c.method, body: c.body, origin: ORIGIN, ...(c.cookie ? { cookie } : { bearer }) });
      const isStatus = c.name.startsWith("GET /api/v1/status");
      const body = isStatus ? { error: res.body?.error } : res.body;
      const okay = res.status === 503 && res.headers.get("retry-after") === (isStatus ? null : "5") && JSON.stringify(body) === JSON.stringify(UNAVAILABLE);
      if (!okay) wrong.push(`${c.name} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });
});
