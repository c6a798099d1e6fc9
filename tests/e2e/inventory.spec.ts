import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { adminApi, unique } from "./support/api";
import { test, expect } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

/*
 * Bring your own fleet, as a new user would in the console: a service with two pools, its check
 * defaults set once to /health every 1 s with fall 3, two instances of a small HTTP server this
 * test runs (each its own port) inheriting them; both UP; one answers 500 → its fault with the
 * HTTP cause; edit its check (tested first); archive it — its fault stays in the Faults list and
 * the reports.
 */
const apps: Array<{ server: http.Server; port: number; status: number }> = [];

test.beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const app = { server: http.createServer(), port: 0, status: 200 };
    app.server.on("request", (req, res) => {
      if (req.url === "/health") res.writeHead(app.status, { "content-type": "text/plain" }).end(app.status === 200 ? "ok" : "boom");
      else res.writeHead(200).end("app");
    });
    await new Promise<void>((r) => app.server.listen(0, "127.0.0.1", r));
    app.port = (app.server.address() as AddressInfo).port;
    apps.push(app);
  }
});
/** The demo's database is shared by every spec (they count the 3 seeded services): remove ours. */
const created: string[] = [];
test.afterAll(async ({ playwright }) => {
  const admin = await adminApi(playwright);
  for (const id of created) {
    const res = await admin.delete(`/api/v1/services/${id}`, { data: { reason: "e2e cleanup" } });
    expect(res.status(), await res.text()).toBe(200);
  }
  await admin.dispose();
  for (const a of apps) await new Promise((r) => a.server.close(r));
});

async function confirmWithReason(page: Page, dialog: ReturnType<Page["getByRole"]>, button: string, reason: string) {
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("a new user adds a service, pools and instances with an HTTP check, sees a fault, edits the check, archives the instance", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const name = `shop-${unique()}`;
  await page.goto("/services");
  await page.getByRole("button", { name: "Add service" }).click();
  const addService = page.getByRole("dialog", { name: "Add a service" });
  await addService.getByLabel("Name").fill(name);
  await addService.getByLabel("Owner / team").fill("team-shop");
  await confirmWithReason(page, addService, "Add service", "our own fleet");
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  created.push(new URL(page.url()).pathname.split("/").pop()!);

  for (const [pool, role] of [
    [`${name}-a`, "ACTIVE"],
    [`${name}-b`, "STANDBY"],
  ] as const) {
    await page.getByRole("button", { name: "Add pool" }).click();
    const d = page.getByRole("dialog", { name: "Add a pool" });
    await d.getByLabel("Name").fill(pool);
    await d.getByLabel("Role").selectOption(role);
    await confirmWithReason(page, d, "Add pool", "pools");
    await expect(page.locator(`[data-pool="${pool}"]`)).toBeVisible();
  }

  // The check, once for the whole service: its instances inherit it.
  await page.getByRole("button", { name: "Check defaults…" }).click();
  const defaults = page.getByRole("dialog", { name: `Check defaults of ${name}` });
  await defaults.getByLabel("Path", { exact: true }).fill("/health");
  await defaults.getByLabel("Interval (ms, ≥ 1000)").fill("1000");
  await defaults.getByLabel("Fall (failures → DOWN)").fill("3");
  await keepScreenshot(page, testInfo, "inventory-check-defaults");
  await confirmWithReason(page, defaults, "Save defaults", "one check for the service");

  const active = page.locator(`[data-pool="${name}-a"]`);
  for (const [i, app] of apps.entries()) {
    await active.getByRole("button", { name: "Add instance" }).click();
    const d = page.getByRole("dialog", { name: `Add an instance to ${name}-a` });
    await d.getByLabel("Name", { exact: true }).fill(`${name}-a-${i + 1}`);
    await d.getByLabel("Address (host:port)").fill(`127.0.0.1:${app.port}`);
    // Inherited, and marked so: nothing to type.
    await expect(d.getByLabel("Path", { exact: true })).toHaveValue("/health");
    await expect(d.getByLabel("Interval (ms, ≥ 1000)")).toHaveValue("1000");
    // Path, interval and fall come from the service; the rest are the built-in defaults.
    await expect(d.getByTestId("inherited").filter({ hasText: "from service" })).toHaveCount(3);
    await expect(d.getByLabel("Fall (failures → DOWN)")).toHaveValue("3");
    if (i === 0) {
      await d.getByRole("button", { name: "Test check now" }).click();
      await expect(d.getByTestId("check-test-result")).toContainText("PASS");
      await keepScreenshot(page, testInfo, "inventory-add-instance");
    }
    await confirmWithReason(page, d, "Add instance", "first instances");
  }
  // The standby pool gets its instances pasted as host:port lines.
  await page.locator(`[data-pool="${name}-b"]`).getByRole("button", { name: "Add instance" }).click();
  const paste = page.getByRole("dialog", { name: `Add an instance to ${name}-b` });
  await paste.getByLabel(/Paste many/).check();
  await paste.getByLabel("host:port lines").fill(`# standby\n127.0.0.1:${apps[0]!.port}\n127.0.0.1:${apps[1]!.port}\n`);
  await confirmWithReason(page, paste, "Add instance", "standby from a list");
  await expect(page.locator(`[data-instance="${name}-b-1"]`)).toBeVisible();
  await expect(page.locator(`[data-instance="${name}-b-2"]`)).toBeVisible();

  const row = (n: number) => page.locator(`[data-instance="${name}-a-${n}"]`);
  await expect(row(1).getByTestId("instance-state")).toContainText("UP", { timeout: 20_000 });
  await expect(row(2).getByTestId("instance-state")).toContainText("UP", { timeout: 20_000 });
  await keepScreenshot(page, testInfo, "inventory-service-up");

  // One instance's app answers 500 on /health (its port stays open).
  apps[0]!.status = 500;
  await expect(row(1).getByTestId("instance-state")).toContainText("DOWN", { timeout: 10_000 });
  const faultLink = row(1).getByRole("link", { name: /^F-\d+$/ });
  await expect(faultLink).toBeVisible();
  const faultKey = (await faultLink.textContent())!.trim();
  await faultLink.click();
  await expect(page.getByText("HTTP_STATUS").first()).toBeVisible();
  await expect(page.getByText(/→ 500/).first()).toBeVisible();
  await keepScreenshot(page, testInfo, "inventory-fault");
  await page.goBack();

  // Edit the check: accept 500 as well (tested before saving).
  await row(1)
    .getByRole("button", { name: `Actions for ${name}-a-1` })
    .click();
  await page.getByRole("menuitem", { name: "Edit check…" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}-a-1` });
  await expect(edit.getByLabel("Path", { exact: true })).toHaveValue("/health");
  await edit.getByLabel("Expected statuses").fill("200, 500");
  await expect(edit.getByRole("button", { name: "Inherit Expected statuses" })).toBeVisible();
  await edit.getByRole("button", { name: "Test check now" }).click();
  await expect(edit.getByTestId("check-test-result")).toContainText("PASS");
  await confirmWithReason(page, edit, "Save", "500 is expected during the migration");
  await expect(row(1).getByTestId("instance-state")).toContainText("UP", { timeout: 15_000 });

  // Archive it (admin): gone from the fleet, its fault kept.
  await row(1)
    .getByRole("button", { name: `Actions for ${name}-a-1` })
    .click();
  await page.getByRole("menuitem", { name: "Remove…" }).click();
  await confirmWithReason(page, page.getByRole("dialog", { name: `Remove ${name}-a-1?` }), "Remove", "decommissioned");
  await expect(row(1)).toHaveCount(0);
  // The fault (resolved by the check edit) is still in the Faults list, and opens.
  await page.goto("/faults");
  await page.getByLabel("RESOLVED").check();
  await page.getByPlaceholder(/F-1042/).fill(faultKey);
  await page.getByRole("link", { name: faultKey }).first().click();
  await expect(page.getByText(`${name}-a-1`).first()).toBeVisible();
  await keepScreenshot(page, testInfo, "inventory-archived-fault");
  // And in the reports: the service's row counts the archived instance's fault.
  await page.goto("/reports");
  const figures = page.getByTestId("service-figures").getByRole("row").filter({ hasText: name });
  await expect(figures.getByRole("cell").nth(4)).toHaveText(/^[1-9]/, { timeout: 15_000 });
});
