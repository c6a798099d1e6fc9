import type { Page } from "@playwright/test";
import { adminApi, apiContext, createUser, signInOverApi, type SeededUser, type StorageState } from "./support/api";
import { loadE2eFleet } from "./support/e2e-env";
import { test as base, expect } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

type Viewer = SeededUser & { state: StorageState };

/**
 * A viewer of its own, created by the admin over the API and signed in over the API (one sign-in
 * attempt per worker); the browser pages of this spec use the viewer's session.
 */
const test = base.extend<{ storageState: StorageState }, { viewer: Viewer }>({
  viewer: [
    async ({ playwright }, provide) => {
      const admin = await adminApi(playwright);
      const user = await createUser(admin, "VIEWER");
      await admin.dispose();
      await provide({ ...user, state: await signInOverApi(playwright, user) });
    },
    { scope: "worker" },
  ],
  storageState: async ({ viewer }, provide) => provide(viewer.state),
});

/** Controls that change Faultline; a viewer must not be offered any of them. */
const MUTATIONS = ["Add user", "Create token", "Revoke", "Disable", "Enable", "Apply"];

/**
 * Every button on the page must be one that changes nothing on the server: the theme switch and
 * signing out. Anything else a viewer sees is a control they should not have been shown.
 */
async function expectReadOnly(page: Page): Promise<void> {
  for (const name of MUTATIONS) await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const harmless = await page.getByRole("button", { name: /^(Theme: .*|Sign out)$/ }).count();
  expect(harmless).toBe(2);
  await expect(page.getByRole("button")).toHaveCount(harmless);
}

test("a viewer sees the console read-only: no Audit link and no buttons that change anything", async ({ page, viewer }, testInfo) => {
  const fleet = await loadE2eFleet();
  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toHaveText(viewer.email);
  await expect(page.getByTestId("role")).toHaveText("VIEWER");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Overview", "Services", "Faults", "Reports", "Settings"]);

  // Wait for each page's data before asserting that something is absent.
  await expect(page.getByTestId("service-card")).toHaveCount(fleet.services.length);
  await expectReadOnly(page);

  await nav.getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(fleet.services.length + 1);
  await expectReadOnly(page);

  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByText(`You are signed in as ${viewer.email} with the VIEWER role.`)).toBeVisible();
  await expect(page.getByText("Users, API tokens and balancers are managed by admins.")).toBeVisible();
  await expect(page.getByTestId("user-row")).toHaveCount(0);
  await expect(page.getByTestId("token-row")).toHaveCount(0);
  await expectReadOnly(page);
  await keepScreenshot(page, testInfo, "settings-viewer");

  // Typed in directly, the audit page explains instead of showing entries.
  await page.goto("/audit");
  await expect(page.getByText("The audit log is readable by operators and admins.")).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  await expectReadOnly(page);
});

test("the API refuses a viewer's session everything above viewer: 403 FORBIDDEN", async ({ playwright, viewer }) => {
  const api = await apiContext(playwright, { storageState: viewer.state });
  const me = await api.get("/api/v1/me");
  expect(await me.json()).toEqual({ kind: "user", name: viewer.email, role: "VIEWER", mustChangePassword: false });
  expect((await api.get("/api/v1/services")).status()).toBe(200);

  for (const path of ["/api/v1/tokens", "/api/v1/users", "/api/v1/audit"]) {
    const res = await api.get(path);
    expect(res.status(), path).toBe(403);
    expect(await res.json(), path).toMatchObject({ error: { code: "FORBIDDEN" } });
  }
  // Same-origin, so only the role can be the reason for the refusal.
  const create = await api.post("/api/v1/tokens", { data: { name: "viewer-made", role: "ADMIN" }, headers: { origin: new URL(me.url()).origin } });
  expect(create.status()).toBe(403);
  expect(await create.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  await api.dispose();
});
