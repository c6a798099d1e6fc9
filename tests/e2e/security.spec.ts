import type { APIResponse } from "@playwright/test";
import { apiContext } from "./support/api";
import { loadE2eFleet } from "./support/e2e-env";
import { expect, test } from "./support/fixtures";

/** The CSP's script nonce, after checking the headers every page response must carry. */
async function expectSecurityHeaders(res: APIResponse): Promise<string> {
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/html/);
  const csp = res.headers()["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("default-src")).toEqual(["'self'"]);
  const scriptSrc = directives.get("script-src") ?? [];
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  const nonce = scriptSrc.map((v) => v.match(/^'nonce-([A-Za-z0-9+/=]{16,})'$/)?.[1]).find(Boolean);
  expect(nonce, `a nonce in script-src: ${csp}`).toBeTruthy();
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("same-origin");
  expect(res.headers()["x-frame-options"]).toBe("DENY");

  // Every script the page ships carries this response's nonce (else the browser blocks it).
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test("pages answer with a nonce CSP (no framing), nosniff and a referrer policy; each response a new nonce", async ({ request, playwright }) => {
  const overview = await expectSecurityHeaders(await request.get("/"));
  const again = await expectSecurityHeaders(await request.get("/"));
  expect(again).not.toBe(overview);

  const anonymous = await apiContext(playwright);
  await expectSecurityHeaders(await anonymous.get("/sign-in"));
  // API answers get the static headers too (the CSP is for documents).
  const status = await anonymous.get("/api/v1/status");
  expect(status.headers()["x-content-type-options"]).toBe("nosniff");
  await anonymous.dispose();
});

test("going through every page as the admin raises no console errors and no CSP violations", async ({ page }) => {
  // The fixture fails the test on any console error or CSP violation; here the pages do real work.
  const fleet = await loadE2eFleet();
  await page.goto("/");
  await expect(page.getByTestId("service-card")).toHaveCount(fleet.services.length);
  // One automatic refresh of the overview's data.
  await page.waitForResponse((r) => r.url().includes("/api/v1/services") && r.ok());

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Services", "Faults", "Reports", "Audit", "Settings"]) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("user-row").first()).toBeVisible();
  await expect(page.getByTestId("token-row").first()).toBeVisible();

  // A full load of the data-heavy pages too (not only client-side navigation).
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await page.getByRole("button", { name: /^Theme: / }).click();
  await page.reload();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});
