import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { fleetInstances, loadE2eFleet } from "./support/e2e-env";
import { keepScreenshot } from "./support/screenshots";

const THEME_KEY = "faultline-theme";

// The operating system prefers dark; the console starts in "system" mode.
test.use({ colorScheme: "dark" });

declare global {
  interface Window {
    __classWhenBodyAppeared?: string;
  }
}

/** Record <html>'s class at the moment <body> is parsed, i.e. before anything is painted. */
async function recordFirstPaintClass(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      window.__classWhenBodyAppeared = document.documentElement.className;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const storedTheme = (page: Page) => page.evaluate((key) => localStorage.getItem(key), THEME_KEY);
const firstPaintClass = (page: Page) => page.evaluate(() => window.__classWhenBodyAppeared);

async function waitForServices(page: Page): Promise<void> {
  const instances = fleetInstances(await loadE2eFleet()).length;
  await expect(page.getByTestId("instance-tile")).toHaveCount(instances);
}

test("theme follows the system, then light → dark → system, and the choice survives a reload", async ({ page }, testInfo) => {
  await recordFirstPaintClass(page);
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /^Theme: / });

  // System mode with a dark OS: dark from the first paint, no flash of light.
  await page.goto("/");
  expect(await firstPaintClass(page)).toMatch(/\bdark\b/);
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAccessibleName("Theme: system. Switch to light");
  await waitForServices(page);
  const darkBackground = await bodyBackground(page);

  // → light
  await toggle.click();
  await expect(toggle).toHaveAccessibleName("Theme: light. Switch to dark");
  await expect(html).not.toHaveClass(/\bdark\b/);
  expect(await storedTheme(page)).toBe("light");
  const lightBackground = await bodyBackground(page);
  expect(lightBackground).not.toBe(darkBackground);

  await page.reload();
  expect(await firstPaintClass(page)).not.toMatch(/\bdark\b/);
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAccessibleName("Theme: light. Switch to dark");
  await waitForServices(page);
  expect(await bodyBackground(page)).toBe(lightBackground);
  await keepScreenshot(page, testInfo, "overview-light");

  // → dark
  await toggle.click();
  await expect(toggle).toHaveAccessibleName("Theme: dark. Switch to system");
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await storedTheme(page)).toBe("dark");
  expect(await bodyBackground(page)).toBe(darkBackground);

  await page.reload();
  expect(await firstPaintClass(page)).toMatch(/\bdark\b/);
  await expect(toggle).toHaveAccessibleName("Theme: dark. Switch to system");
  await waitForServices(page);
  await keepScreenshot(page, testInfo, "overview-dark");

  // → system: the stored choice is gone and the OS setting applies again, live.
  await toggle.click();
  await expect(toggle).toHaveAccessibleName("Theme: system. Switch to light");
  expect(await storedTheme(page)).toBeNull();
  await expect(html).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).not.toHaveClass(/\bdark\b/);
  expect(await bodyBackground(page)).toBe(lightBackground);

  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAccessibleName("Theme: system. Switch to light");
});

test("an explicit light choice wins over a dark system setting", async ({ page }) => {
  await recordFirstPaintClass(page);
  await page.addInitScript((key) => localStorage.setItem(key, "light"), THEME_KEY);
  await page.goto("/");
  expect(await firstPaintClass(page)).not.toMatch(/\bdark\b/);
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Theme: light. Switch to dark" })).toBeVisible();
});
