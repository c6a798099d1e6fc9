import type { Page } from "@playwright/test";
import { adminApi, createUser, SIGNED_OUT, type SeededUser } from "./support/api";
import { expect, test } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

/*
 * The one spec that signs in through the UI; everything else signs in over the API. It spends 4
 * sign-in attempts from the browser (127.0.0.1). The limit is 10 per client IP per lock window,
 * shared by the whole run (setup and the other specs spend 3 more): stay well below it.
 */
test.use({ storageState: SIGNED_OUT });

let user: SeededUser;
test.beforeAll(async ({ playwright }) => {
  const api = await adminApi(playwright);
  user = await createUser(api, "OPERATOR");
  await api.dispose();
});

const signInPage = (page: Page) => ({
  email: page.getByLabel("Email"),
  password: page.getByLabel("Password"),
  submit: page.getByRole("button", { name: "Sign in" }),
  // In the form: Next.js keeps its own (empty) role=alert route announcer on every page.
  alert: page.getByRole("main").getByRole("alert"),
});

test.describe("a wrong password", () => {
  // Chromium logs every non-2xx fetch as an error; this 401 is the very answer under test.
  test.use({
    allowConsoleErrors: [/^console\.error: Failed to load resource: the server responded with a status of 401 .*\(at [^)]*\/api\/auth\/sign-in\/email\)$/],
  });

  test("is refused with a plain message, and the visitor stays on the sign-in page", async ({ page }, testInfo) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await keepScreenshot(page, testInfo, "sign-in");
    const form = signInPage(page);
    await form.email.fill(user.email);
    await form.password.fill("not-the-password");
    await form.submit.click();
    await expect(form.alert).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL("/sign-in");
    await keepScreenshot(page, testInfo, "sign-in-wrong-password");
  });
});

test("sign in through the UI, see who you are in the header, sign out", async ({ page }) => {
  // Signed out, the console sends you to sign in ("/" is where sign-in leads anyway: no ?next).
  await page.goto("/");
  await expect(page).toHaveURL("/sign-in");

  const form = signInPage(page);
  await form.email.fill(user.email);
  await form.password.fill(user.password);
  await form.submit.click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(user.email);
  await expect(page.getByTestId("role")).toHaveText("OPERATOR");

  // Signed in, the sign-in page just passes you on.
  await page.goto("/sign-in");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // Sign out from a page that does not poll the API, so no request races the sign-out.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByText(`You are signed in as ${user.email} with the OPERATOR role.`)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  // The session is gone on the server, not just forgotten by the page.
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
  await page.goto("/settings");
  await expect(page).toHaveURL("/sign-in?next=%2Fsettings");
});

test("a signed-out visit to a page leads through sign-in back to that page", async ({ page }) => {
  await page.goto("/services?view=e2e");
  await expect(page).toHaveURL("/sign-in?next=%2Fservices%3Fview%3De2e");

  const form = signInPage(page);
  await form.email.fill(user.email);
  await form.password.fill(user.password);
  await form.submit.click();
  await expect(page).toHaveURL("/services?view=e2e");
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(user.email);
});

test("an account an admin created asks for a new password at first sign-in, then opens the console", async ({ playwright, page }, testInfo) => {
  const api = await adminApi(playwright);
  const fresh = await createUser(api, "VIEWER", "first-sign-in", { mustChangePassword: true });
  await api.dispose();

  await page.goto("/");
  const form = signInPage(page);
  await form.email.fill(fresh.email);
  await form.password.fill(fresh.password);
  await form.submit.click();
  // Every console page sends them to the change first; the API refuses them until then.
  await expect(page).toHaveURL("/account/password");
  await expect(page.getByText("An admin set your password.")).toBeVisible();
  expect((await page.request.get("/api/v1/services")).status()).toBe(403);
  await page.goto("/faults");
  await expect(page).toHaveURL("/account/password");
  await keepScreenshot(page, testInfo, "change-password-forced");

  await page.getByLabel("Current password").fill(fresh.password);
  await page.getByLabel("New password (at least 10 characters)").fill("a-password-only-i-know");
  await page.getByLabel("New password again").fill("a-password-only-i-know");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(fresh.email);
  expect((await page.request.get("/api/v1/services")).status()).toBe(200);

  // The header's Password link leads back to the same page, now as a plain change.
  await page.getByRole("link", { name: "Password", exact: true }).click();
  await expect(page.getByText(`Signed in as ${fresh.email}.`)).toBeVisible();
  await keepScreenshot(page, testInfo, "change-password");
});
