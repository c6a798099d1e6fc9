import { expect, test } from "@playwright/test";
import { apiContext, SIGNED_OUT } from "./support/api";
import { adminStorageStateFile, E2E_ADMIN, E2E_BOOTSTRAP_TOKEN, E2E_ENV_NAME, fleetInstances, loadE2eFleet, type FleetFile } from "./support/e2e-env";

const STATUSES = ["UP", "DEGRADED", "DOWN", "UNKNOWN", "DRAIN", "MAINT"];

interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}
interface Service {
  id: string;
  name: string;
  state: string;
  pools: { name: string; role: string; state: string; instances: Instance[] }[];
}
interface Instance {
  id: string;
  name: string;
  address: string;
  role: string;
  state: string;
  weight: number;
}

let fleet: FleetFile;
test.beforeAll(async () => {
  fleet = await loadE2eFleet();
});

// Like a script or CI job would: the bootstrap API token, no session cookie.
test.use({ storageState: SIGNED_OUT, extraHTTPHeaders: { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` } });

test("GET /api/v1/status is public: ok on the embedded database, with the seeded fleet counted", async ({ playwright }) => {
  const anonymous = await apiContext(playwright);
  const res = await anonymous.get("/api/v1/status");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    ok: true,
    db: "embedded",
    env: E2E_ENV_NAME,
    version: expect.any(String),
    fleet: { services: fleet.services.length, instances: fleetInstances(fleet).length },
  });
  await anonymous.dispose();
});

test("without credentials the API answers 401 UNAUTHENTICATED; a wrong bearer token too", async ({ playwright }) => {
  const anonymous = await apiContext(playwright);
  const res = await anonymous.get("/api/v1/services");
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
  expect((await anonymous.get("/api/v1/me")).status()).toBe(401);

  const wrong = await apiContext(playwright, { bearer: "flt_not-a-token-this-server-ever-issued" });
  const refused = await wrong.get("/api/v1/services");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  await Promise.all([anonymous.dispose(), wrong.dispose()]);
});

test("GET /api/v1/me names the caller: the bootstrap token, or the signed-in admin's session", async ({ request, playwright }) => {
  const byToken = await request.get("/api/v1/me");
  expect(byToken.status()).toBe(200);
  expect(await byToken.json()).toEqual({ kind: "token", name: "token:bootstrap", role: "ADMIN", mustChangePassword: false });

  // The session the setup project stored for the browser specs works for API calls as well.
  const admin = await apiContext(playwright, { storageState: adminStorageStateFile() });
  const bySession = await admin.get("/api/v1/me");
  expect(bySession.status()).toBe(200);
  expect(await bySession.json()).toEqual({ kind: "user", name: E2E_ADMIN.email, role: "ADMIN", mustChangePassword: false });
  await admin.dispose();
});

test("GET /api/v1/services: services → pools → instances as in the fleet file", async ({ request }) => {
  const res = await request.get("/api/v1/services");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as ListPage<Service>;
  expect(body.nextCursor).toBeNull();
  expect(body.items.map((s) => s.name).sort()).toEqual(fleet.services.map((s) => s.name).sort());

  for (const service of body.items) {
    expect(service.id).toEqual(expect.any(String));
    expect(STATUSES).toContain(service.state);
    const spec = fleet.services.find((s) => s.name === service.name)!;
    expect(service.pools.map((p) => [p.name, p.role]).sort()).toEqual(spec.pools.map((p) => [p.name, p.role]).sort());
    for (const pool of service.pools) {
      expect(STATUSES).toContain(pool.state);
      const expected = spec.pools.find((p) => p.name === pool.name)!.instances;
      expect(pool.instances.map((i) => i.name).sort()).toEqual(expected.map((i) => i.name).sort());
      for (const instance of pool.instances) {
        const want = expected.find((i) => i.name === instance.name)!;
        expect(instance).toMatchObject({
          id: expect.any(String),
          name: want.name,
          address: `${want.host}:${want.port}`,
          role: pool.role,
          state: expect.any(String),
        });
        expect(STATUSES).toContain(instance.state);
      }
    }
  }
});

test("GET /api/v1/services?limit=1 pages through every service exactly once", async ({ request }) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages <= fleet.services.length; pages++) {
    const query: Record<string, string | number> = cursor ? { limit: 1, cursor } : { limit: 1 };
    const res = await request.get("/api/v1/services", { params: query });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as ListPage<Service>;
    expect(body.items).toHaveLength(1);
    seen.push(body.items[0]!.name);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  expect(cursor).toBeNull();
  expect(seen).toHaveLength(fleet.services.length);
  expect([...seen].sort()).toEqual(fleet.services.map((s) => s.name).sort());
});

test("GET /api/v1/services rejects a bad limit or cursor with a VALIDATION error naming the field", async ({ request }) => {
  const badLimit = await request.get("/api/v1/services?limit=abc");
  expect(badLimit.status()).toBe(400);
  expect(await badLimit.json()).toMatchObject({ error: { code: "VALIDATION", field: "limit", message: expect.any(String) } });

  const tooBig = await request.get("/api/v1/services?limit=501");
  expect(tooBig.status()).toBe(400);
  expect(await tooBig.json()).toMatchObject({ error: { code: "VALIDATION", field: "limit" } });

  const badCursor = await request.get("/api/v1/services?cursor=not*a*cursor");
  expect(badCursor.status()).toBe(400);
  expect(await badCursor.json()).toMatchObject({ error: { code: "VALIDATION", field: "cursor" } });
});
