import { defineConfig, devices } from "@playwright/test";
import { e2eDataDir } from "./tests/e2e/support/data-dir";
import {
  adminStorageStateFile,
  BASE_URL,
  E2E_ADMIN,
  E2E_BOOTSTRAP_TOKEN,
  E2E_ENV_NAME,
  E2E_PORT,
  FLEET_CONTROL_PORT,
  FLEET_FILE,
  HAPROXY_FRONTEND_PORT,
} from "./tests/e2e/support/e2e-env";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

/**
 * End-to-end tests against the product's main path: `npm run demo` (fleet simulator + HAProxy +
 * `next start` on embedded PostgreSQL + seeded inventory) in a fresh data dir, on ports apart from
 * a developer's demo. Debian's Chromium; Playwright's browser download does not work here.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: "./tests/e2e/support/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    // Signs the admin in over the API once and keeps the session for every spec (no UI login).
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: chromium },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...chromium, storageState: adminStorageStateFile() },
    },
  ],
  webServer: {
    command: `npx tsx scripts/demo.ts --port ${E2E_PORT} --fleet ${FLEET_FILE}`,
    url: `${BASE_URL}/api/v1/status`,
    env: {
      FAULTLINE_DATA_DIR: e2eDataDir(),
      FLEET_CONTROL_PORT: String(FLEET_CONTROL_PORT),
      HAPROXY_FRONTEND_PORT: String(HAPROXY_FRONTEND_PORT),
      FAULTLINE_ENV_NAME: E2E_ENV_NAME,
      FAULTLINE_ADMIN_EMAIL: E2E_ADMIN.email,
      FAULTLINE_ADMIN_PASSWORD: E2E_ADMIN.password,
      FAULTLINE_BOOTSTRAP_TOKEN: E2E_BOOTSTRAP_TOKEN,
      // Always the embedded database, whatever the developer's shell says (empty = unset).
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    // The demo builds first when .next is missing or stale.
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM lets the demo stop Next.js (and with it PostgreSQL) and HAProxy cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
