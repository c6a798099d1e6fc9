import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";

/** Keep a full-page screenshot of a key page as test-results/screenshots/<name>.png. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `${name}.png`), fullPage: true });
}
