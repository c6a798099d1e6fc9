import { apiContext, signInOverApi, unique } from "./support/api";
import { E2E_ADMIN } from "./support/e2e-env";
import { expect, test } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

// The admin's session from the setup project: this spec drives the Settings and Audit pages.

test("an admin adds a user on the Settings page; the one-time password signs them in", async ({ page, playwright }) => {
  const id = unique();
  const email = `operator-${id}@e2e.faultline.test`;
  await page.goto("/settings");
  const users = page.getByRole("region", { name: "Users" });
  await expect(users.locator(`[data-testid="user-row"][data-email="${E2E_ADMIN.email}"]`)).toBeVisible();

  await users.getByLabel("New user email").fill(email);
  await users.getByLabel("New user name").fill(`E2E operator ${id}`);
  await users.getByLabel("New user role").selectOption("OPERATOR");
  // Password left blank: Faultline generates one and shows it once.
  await users.getByLabel("Reason for adding the user").fill(`e2e: on-call ${id}`);
  await users.getByRole("button", { name: "Add user" }).click();

  const secret = users.getByTestId("one-time-secret");
  await expect(secret).toHaveText(/^\S{16,}$/);
  await expect(users.getByText(`Temporary password for ${email}`)).toBeVisible();
  const password = (await secret.textContent())!;
  const row = users.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row).toContainText(`E2E operator ${id}`);
  await expect(row).toContainText("Active");
  await expect(row.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("OPERATOR");
  await users.getByRole("button", { name: "Done" }).click();
  await expect(secret).toHaveCount(0);

  // One sign-in attempt: the new account works with the password the page showed — and, being
  // an admin-given password, must be changed before anything else answers.
  const session = await apiContext(playwright, { storageState: await signInOverApi(playwright, { email, password }) });
  expect(await (await session.get("/api/v1/me")).json()).toEqual({ kind: "user", name: email, role: "OPERATOR", mustChangePassword: true });
  const refused = await session.get("/api/v1/services");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("PASSWORD_CHANGE_REQUIRED");
  await session.dispose();
});

test("an admin creates an API token on the Settings page, it works, they revoke it, it stops; the Audit page shows both", async ({
  page,
  playwright,
}, testInfo) => {
  const name = `e2e-${unique()}`;
  const createReason = `e2e: deploy bot ${name}`;
  const revokeReason = `e2e: rotated ${name}`;
  await page.goto("/settings");
  const tokens = page.getByRole("region", { name: "API tokens" });

  await tokens.getByLabel("Token name").fill(name);
  await tokens.getByLabel("Token role").selectOption("OPERATOR");
  await tokens.getByLabel("Expires in days").fill("7");
  await tokens.getByLabel("Reason for the token").fill(createReason);
  await tokens.getByRole("button", { name: "Create token" }).click();

  const shown = tokens.getByTestId("one-time-secret");
  await expect(shown).toHaveText(/^flt_\S{43}$/);
  const secret = (await shown.textContent())!;
  const row = tokens.locator(`[data-testid="token-row"][data-name="${name}"]`);
  await expect(row).toContainText("OPERATOR");
  await expect(row).toContainText("Active");
  await expect(row).toContainText(`by ${E2E_ADMIN.email}`);
  // Only the prefix is listed, never the secret.
  await expect(row).toContainText(`${secret.slice(0, 8)}…`);
  await expect(tokens.getByText(secret.slice(8))).toHaveCount(1);

  const bearer = await apiContext(playwright, { bearer: secret });
  const me = await bearer.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toEqual({ kind: "token", name: `token:${name}`, role: "OPERATOR", mustChangePassword: false });

  await tokens.getByRole("button", { name: "Done" }).click();
  await expect(shown).toHaveCount(0);
  await expect(page.getByText(secret.slice(8))).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Revoke token ${name}?` })).toBeVisible();
  await dialog.getByRole("textbox", { name: /^Reason/ }).fill(revokeReason);
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(`Revoked by ${E2E_ADMIN.email}`);
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await keepScreenshot(page, testInfo, "settings-admin");

  const refused = await bearer.get("/api/v1/me");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  await bearer.dispose();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
  const entries = page.getByTestId("audit-row");
  await expect(entries.first()).toBeVisible();
  await keepScreenshot(page, testInfo, "audit");

  await page.getByLabel("Target").fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  // Newest first: the revocation, then the creation — both by the admin, each with its reason.
  await expect(entries).toHaveCount(2);
  const cells = (i: number) => entries.nth(i).getByRole("cell");
  await expect(cells(0)).toHaveText([/^\d{4}-\d\d-\d\d/, E2E_ADMIN.email, "token.revoke", `token:${name}`, revokeReason, "OK", /before → after/]);
  await expect(cells(1)).toHaveText([/^\d{4}-\d\d-\d\d/, E2E_ADMIN.email, "token.create", `token:${name}`, createReason, "OK", /before → after/]);
  await keepScreenshot(page, testInfo, "audit-filtered");
});
