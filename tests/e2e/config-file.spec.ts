import { writeFile } from "node:fs/promises";
import path from "node:path";
import { startNextServer, stopServer, waitUntilServing, type ServerRun } from "../support/next-server";
import { makeTempDir, removeDir } from "../support/temp-dir";
import { test, expect } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

/*
 * FAULTLINE_CONFIG_FILE as an operator meets it: `npm start` with a fleet file on disk; the
 * service it lists is there at once, its page says which file manages it and offers no inventory
 * edits (weights and drain stay).
 */
let server: ServerRun;
let dataDir: string;
const ADMIN = { email: "gitops@example.test", password: "gitops-e2e-pw-1" };

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = await makeTempDir("config-file-e2e");
  const file = path.join(dataDir, "faultline.yaml");
  await writeFile(
    file,
    `version: 1
services:
  - name: ledger
    owner: team-ledger
    checkDefaults: { kind: TCP, intervalMs: 1000 }
    pools:
      - name: ledger-a
        role: ACTIVE
        instances:
          - { name: ledger-a-1, address: "127.0.0.1:9" }
`,
  );
  server = await startNextServer({
    FAULTLINE_DATA_DIR: dataDir,
    FAULTLINE_CONFIG_FILE: file,
    FAULTLINE_ADMIN_EMAIL: ADMIN.email,
    FAULTLINE_ADMIN_PASSWORD: ADMIN.password,
  });
  await waitUntilServing(server, 90_000);
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  await removeDir(dataDir);
});

test("a service from FAULTLINE_CONFIG_FILE says which file manages it and offers no inventory edits", async ({ page }, testInfo) => {
  await page.goto(`${server.base}/sign-in`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Services" }).first().click();
  await page.getByRole("link", { name: "ledger" }).first().click();
  await expect(page.getByRole("heading", { name: "ledger", level: 1 })).toBeVisible();
  await expect(page.getByTestId("managed-by")).toContainText(path.join(dataDir, "faultline.yaml"));
  for (const name of ["Add pool", "Add instance", "Check defaults…", "Edit policy"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  // The instance menu keeps the balancer levers, not the inventory edits.
  await page.getByRole("button", { name: "Actions for ledger-a-1" }).click();
  await expect(page.getByRole("menuitem", { name: "Edit check…" })).toHaveCount(0);
  await expect(page.getByRole("menuitem", { name: /Drain/ })).toBeVisible();
  await keepScreenshot(page, testInfo, "config-file-managed-service");
});
