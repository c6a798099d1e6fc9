/**
 * Where the e2e demo listens, shared by playwright.config.ts and the specs. The ports sit next to
 * (not on) the demo's defaults (3000, 18999, 18080, 18101–18399), so a developer's running demo
 * and an e2e run never collide.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fleetInstances, loadFleetFile, type FleetFile } from "@/dev/fleet-sim/fleet-file";
import { e2eDataDir } from "./data-dir";

export const E2E_PORT = 3210;
export const FLEET_CONTROL_PORT = 19999;
export const HAPROXY_FRONTEND_PORT = 19080;
export const E2E_ENV_NAME = "e2e";

export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const CONTROL_URL = `http://127.0.0.1:${FLEET_CONTROL_PORT}`;
/** HAProxy's frontend for the n-th service of the fleet file (file order). */
export const frontendUrl = (serviceIndex: number) => `http://127.0.0.1:${HAPROXY_FRONTEND_PORT + serviceIndex}/`;

/**
 * The first admin the demo creates on its fresh database (passed in the webServer env, so a
 * developer's own FAULTLINE_ADMIN_* never leaks in). Throwaway: the server lives for one run on
 * 127.0.0.1 only.
 */
export const E2E_ADMIN = { email: "admin@e2e.faultline.test", password: "e2e-admin-password" } as const;

/**
 * Registered by the server at startup as the admin API token "bootstrap" (FAULTLINE_BOOTSTRAP_TOKEN):
 * specs seed users through the API with it, without spending sign-in attempts.
 */
export const E2E_BOOTSTRAP_TOKEN = "flt_e2e-bootstrap-token-for-this-run-only";

/**
 * Where the setup project keeps the admin's signed-in storage state: inside this run's data dir,
 * so it goes away with the run (workers find the same dir through the environment).
 */
export const adminStorageStateFile = () => path.join(e2eDataDir(), "admin.storage-state.json");

/** Relative to the repo root (the demo resolves --fleet against its working directory). */
export const FLEET_FILE = "tests/e2e/fleet.e2e.yaml";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The fleet the demo seeded: the specs compare what the console shows against it. */
export function loadE2eFleet(): Promise<FleetFile> {
  return loadFleetFile(path.join(repoRoot, FLEET_FILE));
}

export { fleetInstances, type FleetFile };
