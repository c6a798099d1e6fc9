import { expect, test } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

// An on-call engineer opens the console on a phone: navigation and pages must fit its width
// (wide tables scroll inside their own box, not the whole page).
test.use({ viewport: { width: 390, height: 844 } });

test("on a phone the navigation is a bar on top and the service page fits the screen", async ({ page }, testInfo) => {
  await page.goto("/services");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Services" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "checkout", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "checkout" })).toBeVisible();
  await expect(page.getByTestId("instance-row").first()).toBeVisible();
  const navBox = (await nav.boundingBox())!;
  const heading = (await page.getByRole("heading", { level: 1, name: "checkout" }).boundingBox())!;
  expect(navBox.y).toBeLessThan(heading.y); // above the page, not beside it
  const fit = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    // What sticks out, to say why when it does.
    wider: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".overflow-x-auto, .overflow-auto"))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") ?? ""}`),
  }));
  expect(fit.page, `page wider than the screen: ${fit.wider.join(" | ")}`).toBeLessThanOrEqual(fit.viewport);
  await keepScreenshot(page, testInfo, "mobile-service");
});
