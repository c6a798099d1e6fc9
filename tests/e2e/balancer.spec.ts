import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Locator, Page, TestInfo } from "@playwright/test";
import { adminApi, createUser, signInOverApi, unique, type StorageState } from "./support/api";
import { adminStorageStateFile, fleetInstances, frontendUrl, loadE2eFleet } from "./support/e2e-env";
import { test as base, expect } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

/*
 * HAProxy control from the service page: weight, drain/ready, failover and failback on the demo's
 * real HAProxy. It works on `accounts`, which no other spec depends on, and puts it back as seeded
 * (weights, READY, accounts-primary ACTIVE) in afterAll, whatever happened.
 *
 * Two sign-ins over the API (an operator, a viewer): with the 6 the other specs spend, the run
 * stays below the 10 per IP per lock window.
 */
const SERVICE = "accounts";
const PRIMARY = "accounts-primary";
const DR = "accounts-dr";
const NEW_WEIGHT = 40;
// A failover readies, drains and verifies on HAProxy; verification waits for its checks.
const FAILOVER_MS = 45_000;

type Instance = { id: string; name: string; weight: number; adminState: string; health: string };
type Pool = { id: string; name: string; role: "ACTIVE" | "STANDBY"; instances: Instance[] };
type Service = { id: string; name: string; pools: Pool[] };

const test = base.extend<{ storageState: StorageState; as: "OPERATOR" | "VIEWER" | "ADMIN" }, { sessions: Record<"OPERATOR" | "VIEWER", StorageState> }>({
  sessions: [
    async ({ playwright }, provide) => {
      const admin = await adminApi(playwright);
      const operator = await createUser(admin, "OPERATOR");
      const viewer = await createUser(admin, "VIEWER");
      await admin.dispose();
      await provide({ OPERATOR: await signInOverApi(playwright, operator), VIEWER: await signInOverApi(playwright, viewer) });
    },
    { scope: "worker" },
  ],
  as: ["OPERATOR", { option: true }],
  storageState: async ({ sessions, as }, provide) =>
    provide(as === "ADMIN" ? (JSON.parse(fs.readFileSync(adminStorageStateFile(), "utf8")) as StorageState) : sessions[as]),
});

async function getService(api: APIRequestContext): Promise<Service> {
  const res = await api.get("/api/v1/services?limit=500");
  expect(res.status(), await res.text()).toBe(200);
  const s = ((await res.json()) as { items: Service[] }).items.find((x) => x.name === SERVICE);
  expect(s, `${SERVICE} is seeded`).toBeTruthy();
  return s!;
}

const instancesOf = (s: Service) => s.pools.flatMap((p) => p.instances);
const activePool = (s: Service) => s.pools.find((p) => p.role === "ACTIVE")!.name;

/** Wait until no failover of the service runs (a test that failed midway may leave one going). */
async function waitForIdle(api: APIRequestContext, id: string): Promise<void> {
  await expect
    .poll(async () => ((await (await api.get(`/api/v1/services/${id}/failover/preflight`)).json()) as { running: string | null }).running, {
      timeout: FAILOVER_MS,
    })
    .toBeNull();
}

/** A viewport screenshot (a modal's backdrop covers the viewport only), next to keepScreenshot's. */
async function keepViewport(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `${name}.png`) });
}

let seeded: Service;
// Light traffic through HAProxy's accounts frontend (~10 req/s), so req/s, sessions and the chart
// show what moves during a drain and a failover.
let traffic: ReturnType<typeof setInterval> | undefined;
test.beforeAll(async ({ playwright }) => {
  const api = await adminApi(playwright);
  seeded = await getService(api);
  await api.dispose();
  expect(activePool(seeded)).toBe(PRIMARY);
  const url = frontendUrl((await loadE2eFleet()).services.findIndex((s) => s.name === SERVICE));
  traffic = setInterval(
    () =>
      void fetch(url, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined),
    100,
  );
});

// Back to the seeded state over the API (the bootstrap token is an admin), also after a failure.
test.afterAll(async ({ playwright }) => {
  clearInterval(traffic);
  const api = await adminApi(playwright);
  try {
    await waitForIdle(api, seeded.id);
    if (activePool(await getService(api)) !== PRIMARY) {
      const res = await api.post(`/api/v1/services/${seeded.id}/failback`, {
        data: { reason: "e2e: restore the seeded state" },
        headers: { "idempotency-key": crypto.randomUUID() },
      });
      expect(res.status(), await res.text()).toBe(202);
      await waitForIdle(api, seeded.id);
    }
    const now = new Map(instancesOf(await getService(api)).map((i) => [i.id, i]));
    for (const i of instancesOf(seeded)) {
      const cur = now.get(i.id)!;
      if (cur.weight === i.weight && cur.adminState === i.adminState) continue;
      const res = await api.patch(`/api/v1/instances/${i.id}`, {
        data: { weight: i.weight, adminState: i.adminState, reason: "e2e: restore the seeded state" },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    expect(activePool(await getService(api))).toBe(PRIMARY);
  } finally {
    await api.dispose();
  }
});

const row = (page: Page, instance: string) => page.locator(`[data-testid="instance-row"][data-instance="${instance}"]`);
const pool = (page: Page, name: string) => page.locator(`[data-testid="pool"][data-pool="${name}"]`);

async function openServicePage(page: Page): Promise<void> {
  await page.goto("/services");
  await page.getByRole("link", { name: SERVICE, exact: true }).click();
  await expect(page).toHaveURL(`/services/${seeded.id}`);
  await expect(page.getByRole("heading", { level: 1, name: SERVICE })).toBeVisible();
  await expect(page.getByTestId("instance-row")).toHaveCount(instancesOf(seeded).length);
}

async function pick(page: Page, instance: string, item: RegExp): Promise<Locator> {
  await page.getByRole("button", { name: `Actions for ${instance}` }).click();
  await page
    .getByRole("menu", { name: `Actions for ${instance}` })
    .getByRole("menuitem", { name: item })
    .click();
  return page.getByRole("dialog");
}

/** Through the dialog: pre-flight, reason, then the steps until VERIFIED. */
async function failThrough(page: Page, verb: "Fail over" | "Fail back", to: string, testInfo?: TestInfo): Promise<void> {
  await page.getByRole("button", { name: `${verb}…` }).click();
  const dialog = page.getByRole("dialog", { name: `${verb} ${SERVICE}` });
  await expect(dialog.getByTestId("preflight")).toHaveAttribute("data-ok", "true");
  await expect(dialog.getByTestId("preflight")).toContainText(`→ ${to}`);
  await expect(dialog.getByTestId("preflight-healthy")).toHaveText("2 / 2");
  await expect(dialog.getByRole("list", { name: "Planned steps" }).getByRole("listitem").filter({ hasText: "Verify on HAProxy" })).toHaveCount(1);
  const go = dialog.getByRole("button", { name: `${verb} to ${to}` });
  await expect(go).toBeDisabled(); // the reason is required
  await dialog.getByRole("textbox", { name: /Reason/ }).fill(`e2e ${verb.toLowerCase()} ${unique()}`);
  await go.click();

  const progress = dialog.getByTestId("failover-progress");
  await expect(progress.locator("[data-failover-state]")).toHaveAttribute("data-failover-state", "VERIFIED", { timeout: FAILOVER_MS });
  const steps = progress.getByTestId("failover-step");
  expect(await steps.count()).toBeGreaterThan(2);
  await expect(progress.locator('[data-testid="failover-step"]:not([data-state="OK"])')).toHaveCount(0);
  if (testInfo) await keepViewport(page, testInfo, "failover-dialog");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
}

test.describe.configure({ mode: "serial" });

test("an operator sets a weight with the slider: desired and HAProxy's weight both show it", async ({ page }, testInfo) => {
  const [changed, other] = seeded.pools.find((p) => p.name === PRIMARY)!.instances;
  await openServicePage(page);

  const dialog = await pick(page, changed!.name, /^Weight/);
  await expect(dialog.getByRole("heading", { name: `Weight of ${changed!.name}` })).toBeVisible();
  const slider = dialog.getByRole("slider", { name: "Weight slider" });
  const number = dialog.getByRole("spinbutton", { name: "Weight" });
  // Kept in sync both ways.
  await number.fill("48");
  await expect(slider).toHaveValue("48");
  await slider.fill(String(NEW_WEIGHT));
  await expect(number).toHaveValue(String(NEW_WEIGHT));
  // The resulting shares, before anything is applied: by weight over the READY active instances.
  const share = (NEW_WEIGHT / (NEW_WEIGHT + other!.weight)) * 100;
  await expect(dialog.locator(`[data-testid="share-row"][data-instance="${changed!.name}"] [data-testid="share-after"]`)).toHaveText(`${share.toFixed(1)} %`);
  await expect(dialog.locator(`[data-testid="share-row"][data-instance="${other!.name}"] [data-testid="share-after"]`)).toHaveText(
    `${(100 - share).toFixed(1)} %`,
  );

  await dialog.getByRole("textbox", { name: /Reason/ }).fill(`e2e weight ${unique()}`);
  await keepViewport(page, testInfo, "weight-dialog");
  await dialog.getByRole("button", { name: `Apply weight ${NEW_WEIGHT}` }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, changed!.name).getByTestId("weight-desired")).toHaveText(String(NEW_WEIGHT));
  await expect(row(page, changed!.name).getByTestId("weight-actual")).toHaveText(String(NEW_WEIGHT));
});

test("an operator drains an instance, then makes it ready again", async ({ page }, testInfo) => {
  const name = seeded.pools.find((p) => p.name === PRIMARY)!.instances[1]!.name;
  await openServicePage(page);

  let dialog = await pick(page, name, /^Drain/);
  await expect(dialog.getByRole("heading", { name: `Drain ${name}?` })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Drain" })).toBeDisabled(); // the reason is required
  await dialog.getByRole("textbox", { name: /Reason/ }).fill(`e2e drain ${unique()}`);
  await dialog.getByRole("button", { name: "Drain" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, name).getByTestId("instance-state")).toHaveText("DRAIN");
  await expect(row(page, name).getByTestId("haproxy-status")).toContainText("DRAIN");
  await keepScreenshot(page, testInfo, "service-drain");

  dialog = await pick(page, name, /^Ready/);
  await dialog.getByRole("textbox", { name: /Reason/ }).fill(`e2e ready ${unique()}`);
  await dialog.getByRole("button", { name: "Ready" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, name).getByTestId("instance-state")).not.toHaveText("DRAIN");
  await expect(row(page, name).getByTestId("haproxy-status")).not.toContainText("DRAIN");
});

test("an operator fails the service over to its standby pool and back, watching the steps", async ({ page }, testInfo) => {
  test.setTimeout(3 * FAILOVER_MS);
  await openServicePage(page);
  await expect(pool(page, PRIMARY)).toHaveAttribute("data-role", "ACTIVE");
  await expect(page.getByRole("button", { name: "Fail back…" })).toHaveCount(0);

  await failThrough(page, "Fail over", DR, testInfo);
  // The pools swap roles.
  await expect(pool(page, DR)).toHaveAttribute("data-role", "ACTIVE");
  await expect(pool(page, PRIMARY)).toHaveAttribute("data-role", "STANDBY");
  const history = page.getByRole("table", { name: "Failover history" });
  await expect(history.getByTestId("failover-row").first()).toHaveAttribute("data-kind", "FAILOVER");
  await expect(history.getByTestId("failover-row").first()).toHaveAttribute("data-state", "VERIFIED");

  await failThrough(page, "Fail back", PRIMARY);
  await expect(pool(page, PRIMARY)).toHaveAttribute("data-role", "ACTIVE");
  await expect(pool(page, DR)).toHaveAttribute("data-role", "STANDBY");
  const last = history.getByTestId("failover-row").first();
  await expect(last).toHaveAttribute("data-kind", "FAILBACK");
  await expect(last).toHaveAttribute("data-state", "VERIFIED");
  // A history row opens to its recorded steps.
  await last.getByRole("button", { name: /^Steps of the failback/ }).click();
  await expect(history.getByRole("list", { name: "Failover steps" }).getByTestId("failover-step").last()).toHaveAttribute("data-state", "OK");
  await keepScreenshot(page, testInfo, "service-detail");
});

test.describe("a viewer", () => {
  test.use({ as: "VIEWER" });

  test("sees the same service page without any of the controls", async ({ page }) => {
    await openServicePage(page);
    await expect(page.getByRole("table", { name: `Instances of ${PRIMARY}` })).toBeVisible();
    await expect(page.getByTestId("policy")).toBeVisible();
    for (const name of ["Fail over…", "Fail back…", "Edit policy"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Actions for / })).toHaveCount(0);
    await expect(page.getByRole("menuitem")).toHaveCount(0);
    await expect(page.getByRole("slider")).toHaveCount(0);
  });
});

test.describe("an admin on Settings → Balancers", () => {
  test.use({
    as: "ADMIN",
    // Chromium logs every non-2xx fetch; the 502 of a test against a closed port is the answer under test.
    allowConsoleErrors: [/^console\.error: Failed to load resource: the server responded with a status of 502 .*\/api\/v1\/balancers\/test\)$/],
  });

  test("tests a Runtime API address, and previews an import of the demo's HAProxy", async ({ page, playwright }, testInfo) => {
    const fleet = await loadE2eFleet();
    const api = await adminApi(playwright);
    const demo = ((await (await api.get("/api/v1/balancers")).json()) as { items: Array<{ name: string; runtimeApi: string }> }).items.find(
      (b) => b.name === "demo-haproxy",
    );
    await api.dispose();
    expect(demo, "the demo registers its HAProxy").toBeTruthy();

    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Balancers" });
    const row = section.locator('[data-testid="balancer-row"][data-name="demo-haproxy"]');
    await expect(row).toContainText("CONNECTED");
    await expect(row).toContainText(String(fleetInstances(fleet).length));

    // Test connection: HAProxy's version and its backends (one per service), nothing saved.
    const form = page.getByRole("form", { name: "Connect a balancer" });
    const address = form.getByRole("textbox", { name: "Runtime API address" });
    await address.fill("127.0.0.1:1");
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.getByRole("alert")).toContainText(/ECONNREFUSED|refused|unreachable/i);
    await address.fill(demo!.runtimeApi);
    await form.getByRole("button", { name: "Test connection" }).click();
    const probe = form.getByTestId("balancer-probe");
    await expect(probe).toContainText(/Connected: HAProxy \d+\.\d+/);
    for (const s of fleet.services) await expect(probe).toContainText(`${s.name}:`);

    // Import… previews the diff first: the seeded fleet is already linked, so nothing changes.
    await row.getByRole("button", { name: "Import…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import from demo-haproxy" });
    await expect(dialog.getByTestId("import-diff")).toContainText(`0 to add · 0 to unlink · ${fleetInstances(fleet).length} unchanged`);
    await expect(dialog.getByRole("button", { name: "Apply import" })).toHaveCount(0);
    await keepViewport(page, testInfo, "settings-balancers");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
  });
});
