import { expect, test, type APIRequestContext } from "@playwright/test";
import { CONTROL_URL, frontendUrl, loadE2eFleet, type FleetFile } from "./support/e2e-env";

let fleet: FleetFile;
test.beforeAll(async () => {
  fleet = await loadE2eFleet();
});

// Chaos is state in the shared simulator: put every instance back to "up" whatever a test did.
test.afterEach(async ({ request }) => {
  const res = await request.post(`${CONTROL_URL}/reset`);
  expect(res.status()).toBe(200);
});

async function setChaos(request: APIRequestContext, instance: string, mode: string): Promise<void> {
  const res = await request.post(`${CONTROL_URL}/instances/${instance}/chaos`, { data: { mode } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ name: instance, mode, listening: mode !== "refuse" });
}

/** The first service of the fleet file: HAProxy's first frontend serves it. */
function firstService() {
  const service = fleet.services[0]!;
  const names = (role: string) => service.pools.filter((p) => p.role === role).flatMap((p) => p.instances.map((i) => i.name));
  return { service, active: names("ACTIVE"), standby: names("STANDBY") };
}

/** Which instance answered a request through HAProxy (its body is the instance name). */
async function servedBy(request: APIRequestContext, url: string): Promise<string> {
  try {
    const res = await request.get(url, { timeout: 5_000 });
    return res.status() === 200 ? (await res.text()).trim() : `HTTP ${res.status()}`;
  } catch (err) {
    return `failed: ${(err as Error).message.split("\n")[0]}`;
  }
}

test("chaos modes down, refuse and up change what an instance's /healthz answers", async ({ request }) => {
  const instance = fleet.services[0]!.pools[0]!.instances[1]!;
  const healthz = `http://${instance.host}:${instance.port}/healthz`;

  const before = await request.get(healthz);
  expect(before.status()).toBe(200);

  await setChaos(request, instance.name, "down");
  const down = await request.get(healthz);
  expect(down.status()).toBe(503);
  expect(await down.json()).toMatchObject({ status: "down", instance: instance.name });

  await setChaos(request, instance.name, "refuse");
  await expect(request.get(healthz, { timeout: 5_000 })).rejects.toThrow(/ECONNREFUSED/);

  await setChaos(request, instance.name, "up");
  const up = await request.get(healthz);
  expect(up.status()).toBe(200);
  expect(await up.json()).toMatchObject({ status: "ok", instance: instance.name });
});

test("the control API rejects an unknown instance and an unknown mode", async ({ request }) => {
  const unknown = await request.post(`${CONTROL_URL}/instances/no-such-instance/chaos`, { data: { mode: "down" } });
  expect(unknown.status()).toBe(404);
  const name = fleet.services[0]!.pools[0]!.instances[0]!.name;
  const badMode = await request.post(`${CONTROL_URL}/instances/${name}/chaos`, { data: { mode: "sideways" } });
  expect(badMode.status()).toBe(400);
  expect(await badMode.json()).toMatchObject({ error: { code: "VALIDATION" } });
});

test("traffic through the HAProxy frontend is served by the ACTIVE pool, round robin", async ({ request }) => {
  const { active } = firstService();
  /** Who answered 2 rounds of requests, each name once. */
  const round = async () => {
    const answers = new Set<string>();
    for (let i = 0; i < active.length * 2; i++) answers.add(await servedBy(request, frontendUrl(0)));
    return [...answers].sort();
  };
  // Polled: a server an earlier test upset may need HAProxy's `rise` good checks to be back.
  await expect.poll(round, { timeout: 15_000 }).toEqual([...active].sort());
});

test("when every ACTIVE instance refuses connections, HAProxy fails over to the STANDBY pool", async ({ request }) => {
  const { active, standby } = firstService();
  for (const name of active) await setChaos(request, name, "refuse");
  // Health checks (inter 2 s, fall 2) take the active servers out; the backups then serve.
  await expect.poll(() => servedBy(request, frontendUrl(0)), { timeout: 20_000, intervals: [500] }).toMatch(new RegExp(`^(${standby.join("|")})$`));
  for (let i = 0; i < 4; i++) expect(standby).toContain(await servedBy(request, frontendUrl(0)));
});
