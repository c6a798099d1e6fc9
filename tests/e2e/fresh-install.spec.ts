import http from "node:http";
import type { AddressInfo } from "node:net";
import { startNextServer, stopServer, waitUntilServing, type ServerRun } from "../support/next-server";
import { makeTempDir, removeDir } from "../support/temp-dir";
import { test, expect } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

/*
 * A fresh install, as a new user meets it: `npm start` on an empty data dir (its own embedded
 * PostgreSQL, no demo, no seeded fleet, no admin from the environment). The console asks for the
 * admin, shows the first steps on an empty Overview, and the first service goes from nothing to
 * an instance UP on a check set once on the service.
 */
let server: ServerRun;
let dataDir: string;
let app: http.Server;
let appPort: number;

// Its own browser state: the demo admin's cookie (host 127.0.0.1, any port) means nothing here.
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = await makeTempDir("fresh-e2e");
  server = await startNextServer({ FAULTLINE_DATA_DIR: dataDir, FAULTLINE_ENV_NAME: "fresh" });
  await waitUntilServing(server, 90_000);
  app = http.createServer((req, res) => res.writeHead(req.url === "/health" ? 200 : 404).end("ok"));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  appPort = (app.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((r) => app?.close(r));
  if (server) await stopServer(server);
  await removeDir(dataDir);
});

async function confirmWithReason(dialog: ReturnType<import("@playwright/test").Page["getByRole"]>, button: string, reason: string) {
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("a fresh install: create the admin, see the first steps, add the first service and see its instance UP", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(`${server.base}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Email").fill("first@example.test");
  await page.getByLabel("Password (at least 10 characters)").fill("fresh-install-pw-1");
  await page.getByLabel("Repeat password").fill("fresh-install-pw-1");
  await page.getByRole("button", { name: /Create/ }).click();

  // The Overview of an empty install says how to begin.
  const steps = page.getByTestId("first-steps");
  await expect(steps).toBeVisible({ timeout: 15_000 });
  await expect(steps).toContainText("Connect a HAProxy");
  await expect(steps).toContainText("fleet file");
  await keepScreenshot(page, testInfo, "fresh-install-overview");

  await steps.getByRole("link", { name: "Add your first service" }).click();
  await expect(page).toHaveURL(/\/services$/);
  await page.getByTestId("first-steps").getByRole("button", { name: "Add your first service" }).click();
  const add = page.getByRole("dialog", { name: "Add a service" });
  await add.getByLabel("Name").fill("payments");
  await confirmWithReason(add, "Add service", "first service");
  await expect(page.getByRole("heading", { name: "payments", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Check defaults…" }).click();
  const defaults = page.getByRole("dialog", { name: "Check defaults of payments" });
  await defaults.getByLabel("Path", { exact: true }).fill("/health");
  await defaults.getByLabel("Interval (ms, ≥ 1000)").fill("1000");
  await confirmWithReason(defaults, "Save defaults", "our health endpoint");

  await page.getByRole("button", { name: "Add pool" }).click();
  const pool = page.getByRole("dialog", { name: "Add a pool" });
  await pool.getByLabel("Name").fill("payments-a");
  await confirmWithReason(pool, "Add pool", "first pool");

  await page.locator('[data-pool="payments-a"]').getByRole("button", { name: "Add instance" }).click();
  const inst = page.getByRole("dialog", { name: "Add an instance to payments-a" });
  await inst.getByLabel("Name", { exact: true }).fill("payments-a-1");
  await inst.getByLabel("Address (host:port)").fill(`127.0.0.1:${appPort}`);
  await expect(inst.getByLabel("Path", { exact: true })).toHaveValue("/health");
  await confirmWithReason(inst, "Add instance", "first instance");

  await expect(page.locator('[data-instance="payments-a-1"]').getByTestId("instance-state")).toContainText("UP", { timeout: 20_000 });
  await keepScreenshot(page, testInfo, "fresh-install-first-service");
  // The Overview is no longer empty.
  await page.goto(`${server.base}/`);
  await expect(page.getByTestId("first-steps")).toHaveCount(0);
  await expect(page.getByText("payments").first()).toBeVisible();
});
