import { BASE_URL, fleetInstances, loadE2eFleet } from "./e2e-env";

const SEED_TIMEOUT_MS = 60_000;

/**
 * Runs after the webServer is up. /api/v1/status answers as soon as `next start` is ready, but the
 * demo seeds the inventory only after that: wait until the status reports the whole fleet, so no
 * spec ever sees a half-seeded console.
 */
export default async function waitForSeededFleet(): Promise<void> {
  const fleet = await loadE2eFleet();
  const want = { services: fleet.services.length, instances: fleetInstances(fleet).length };
  const deadline = Date.now() + SEED_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const body = (await (await fetch(`${BASE_URL}/api/v1/status`)).json()) as { fleet?: { services: number; instances: number } | null };
      if (body.fleet && body.fleet.services >= want.services && body.fleet.instances >= want.instances) return;
      last = JSON.stringify(body.fleet);
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `the demo did not seed ${want.services} services / ${want.instances} instances within ${SEED_TIMEOUT_MS / 1000} s (last status fleet: ${last})`,
  );
}
