import { expect, test } from "./support/fixtures";
import { E2E_ENV_NAME, fleetInstances, loadE2eFleet, type FleetFile } from "./support/e2e-env";
import { keepScreenshot } from "./support/screenshots";

const STATUS_WORDS = ["UP", "DEGRADED", "DOWN", "UNKNOWN", "DRAIN", "MAINT"];

let fleet: FleetFile;
test.beforeAll(async () => {
  fleet = await loadE2eFleet();
});

test.describe("Overview", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  });

  test("shows every seeded service with its ACTIVE and STANDBY pools and their instances", async ({ page }) => {
    await expect(page.getByTestId("service-card")).toHaveCount(fleet.services.length);
    for (const service of fleet.services) {
      const card = page.getByRole("region", { name: service.name, exact: true });
      await expect(card.getByRole("heading", { level: 2 })).toHaveText(service.name);
      await expect(card).toContainText(service.owner!);
      for (const role of ["ACTIVE", "STANDBY"] as const) {
        const spec = service.pools.find((p) => p.role === role)!;
        const pool = card.locator(`[data-testid="pool"][data-role="${role}"]`);
        await expect(pool).toHaveCount(1);
        await expect(pool).toContainText(spec.name);
        await expect(pool).toContainText(role);
        const tiles = pool.getByTestId("instance-tile");
        await expect(tiles).toHaveCount(spec.instances.length);
        for (const instance of spec.instances) {
          const tile = pool.locator(`[data-testid="instance-tile"][data-instance="${instance.name}"]`);
          await expect(tile).toContainText(instance.name);
          await expect(tile).toContainText(`${instance.host}:${instance.port}`);
        }
      }
    }
  });

  test("status badges show an icon and the status word", async ({ page }) => {
    const tiles = page.getByTestId("instance-tile");
    await expect(tiles).toHaveCount(fleetInstances(fleet).length);
    // Every status on the page (summary, services, pools, instances) reads as icon + word.
    const badges = page.locator("[data-status]");
    const count = await badges.count();
    expect(count).toBeGreaterThan(fleetInstances(fleet).length);
    for (let i = 0; i < count; i++) {
      const badge = badges.nth(i);
      const status = await badge.getAttribute("data-status");
      expect(STATUS_WORDS).toContain(status);
      await expect(badge).toHaveText(status!);
      await expect(badge.locator("svg")).toBeVisible();
    }
    // The summary counts every instance exactly once across the six statuses.
    const summary = page.getByRole("list", { name: "Instances by status" });
    await expect(summary.getByRole("listitem")).toHaveCount(STATUS_WORDS.length);
    const counts = (await summary.getByRole("listitem").allInnerTexts()).map((t) => Number(t.match(/(\d+)\s*$/)?.[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(fleetInstances(fleet).length);
  });

  test("the header shows the environment and how fresh the data is, and the page refreshes itself", async ({ page }) => {
    await expect(page.getByTestId("env-name")).toHaveText(E2E_ENV_NAME);
    const lastUpdated = page.getByTestId("last-updated");
    await expect(lastUpdated).toHaveText(/^updated \d+ s ago$/);
    await expect(page.getByTestId("service-card").first()).toBeVisible();

    // Without any reload: a new services request goes out and the freshness stamp moves on.
    const before = await lastUpdated.getAttribute("title");
    const refetch = await page.waitForResponse((r) => r.url().includes("/api/v1/services") && r.ok(), { timeout: 5_000 });
    expect(refetch.status()).toBe(200);
    await expect.poll(() => lastUpdated.getAttribute("title"), { timeout: 5_000 }).not.toBe(before);
    await expect(lastUpdated).toHaveText(/^updated \d+ s ago$/);
  });
});

const SECTIONS = [
  { label: "Overview", path: "/" },
  { label: "Services", path: "/services" },
  { label: "Faults", path: "/faults" },
  { label: "Reports", path: "/reports" },
  { label: "Audit", path: "/audit" },
  { label: "Settings", path: "/settings" },
];

test("every left-nav link opens its page and is marked as the current one", async ({ page }, testInfo) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(SECTIONS.map((s) => s.label));

  for (const section of [...SECTIONS.slice(1), SECTIONS[0]!]) {
    await nav.getByRole("link", { name: section.label, exact: true }).click();
    await expect(page).toHaveURL(section.path);
    await expect(page.getByRole("heading", { level: 1, name: section.label, exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: section.label, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);

    if (section.label === "Services") {
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(fleet.services.length + 1); // header row + one per service
      for (const service of fleet.services) {
        const row = page.getByRole("row", { name: new RegExp(`^${service.name}\\b`) });
        for (const pool of service.pools) await expect(row).toContainText(pool.name);
      }
      await keepScreenshot(page, testInfo, "services");
    }
  }
});
