/**
 * The `test` every browser spec uses: Playwright's, with each page watched for console errors,
 * uncaught exceptions and Content-Security-Policy violations. Any of them fails the test, unless
 * the test lists it in `allowConsoleErrors` (with a comment saying why it is harmless).
 */
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

declare global {
  interface Window {
    __faultlineCspWatch?: boolean;
  }
}

/** Report every CSP violation as a console error, also ones Chromium would not log itself. */
function reportCspViolations(): void {
  if (window.__faultlineCspWatch) return;
  window.__faultlineCspWatch = true;
  document.addEventListener("securitypolicyviolation", (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile || e.documentURI}`);
  });
}

/**
 * Start collecting problems on `page`; returns the list, filled as they happen. For pages the
 * fixture does not create (a second browser context, say).
 */
async function watchConsole(page: Page, allowed: readonly RegExp[] = []): Promise<string[]> {
  const problems: string[] = [];
  const add = (line: string) => {
    if (!allowed.some((re) => re.test(line))) problems.push(line);
  };
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location().url;
    add(`console.error: ${msg.text()}${where ? ` (at ${where})` : ""}`);
  });
  page.on("pageerror", (err) => add(`uncaught: ${err.message}`));
  await page.addInitScript(reportCspViolations);
  return problems;
}

// Fixture callbacks name Playwright's `use` "provide": the React hooks lint rule takes `use(…)` for a hook.
export const test = base.extend<{ allowConsoleErrors: RegExp[] }>({
  /** Console lines (as `console.error: <text> (at <url>)`) a test expects and accepts. */
  allowConsoleErrors: [[], { option: true }],
  page: async ({ page, allowConsoleErrors }, provide) => {
    const problems = await watchConsole(page, allowConsoleErrors);
    await provide(page);
    expect(problems, "console errors, uncaught exceptions or CSP violations on the page").toEqual([]);
  },
});
