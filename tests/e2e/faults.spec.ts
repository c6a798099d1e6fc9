import type { APIRequestContext, Page } from "@playwright/test";
import { unique } from "./support/api";
import { CONTROL_URL, loadE2eFleet, type FleetFile } from "./support/e2e-env";
import { expect, test } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

// The demo checks every 5 s with fall 2 / rise 2: a fault opens or resolves 5–10 s after the
// change, and the pages refresh every 2.5 s. 30 s leaves room for a busy machine.
const DETECTION_MS = 30_000;

let fleet: FleetFile;
test.beforeAll(async () => {
  fleet = await loadE2eFleet();
});

/** An instance of the fleet by service and pool role (no other spec breaks these). */
function instanceOf(service: string, role: "ACTIVE" | "STANDBY", index: number): string {
  const pool = fleet.services.find((s) => s.name === service)!.pools.find((p) => p.role === role)!;
  return pool.instances[index]!.name;
}

async function setChaos(request: APIRequestContext, instance: string, mode: "down" | "up"): Promise<void> {
  const res = await request.post(`${CONTROL_URL}/instances/${instance}/chaos`, { data: { mode } });
  expect(res.status(), await res.text()).toBe(200);
}

/** The fault list, narrowed to one instance through the search box. */
async function faultsOf(page: Page, instance: string) {
  await page.goto("/faults");
  await expect(page.getByRole("heading", { level: 1, name: "Faults" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search faults" }).fill(instance);
  return page.getByTestId("fault-row").filter({ hasText: instance });
}

test.describe("a broken instance becomes a fault an operator can work", () => {
  const broken = () => instanceOf("catalog", "ACTIVE", 1);

  // Chaos is state in the shared simulator: whatever happened, this instance ends up again.
  test.afterEach(async ({ request }) => {
    await setChaos(request, broken(), "up");
  });

  test("detected, acknowledged with a reason, noted, then resolved by the recovery", async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    const name = broken();
    await setChaos(request, name, "down");

    // Detected: on the Faults page (default filter: OPEN + ACKNOWLEDGED) within seconds.
    const rows = await faultsOf(page, name);
    await expect(rows.first()).toBeVisible({ timeout: DETECTION_MS });
    const row = rows.first();
    await expect(row.locator("[data-fault-status]")).toHaveText("OPEN");
    await expect(row).toContainText("HTTP_STATUS");
    // Whichever saw it first words the cause: the poller ("503 Service Unavailable") or HAProxy ("L7STS 503").
    await expect(row).toContainText(/503 Service Unavailable|HAProxy marked catalog\/.* DOWN: L7STS 503/);
    const key = (await row.getAttribute("data-key"))!;
    expect(key).toMatch(/^F-\d+$/);
    await keepScreenshot(page, testInfo, "faults");

    // Open it.
    await row.getByRole("link", { name: key }).click();
    await expect(page).toHaveURL(`/faults/${key}`);
    await expect(page.getByRole("heading", { level: 1, name: key })).toBeVisible();
    const facts = page.getByTestId("fault-facts");
    await expect(facts).toContainText(name);
    await expect(facts.getByText("MTTR so far")).toBeVisible();
    await expect(page.getByRole("region", { name: new RegExp(`^checks of ${name}$`, "i") })).toBeVisible();

    // Acknowledge, with a reason (goes to the audit log).
    const reason = `e2e ack ${unique()}`;
    await page.getByRole("button", { name: "Acknowledge" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: `Acknowledge ${key}?` })).toBeVisible();
    await dialog.getByRole("textbox", { name: /Reason/ }).fill(reason);
    await dialog.getByRole("button", { name: "Acknowledge" }).click();
    await expect(dialog).toBeHidden();
    await expect(facts.locator("[data-fault-status]")).toHaveText("ACKNOWLEDGED");
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline.locator('[data-kind="ACKNOWLEDGED"]')).toContainText("Acknowledged by admin@e2e.faultline.test");

    // A note lands in the timeline.
    const note = `Checked the catalog logs — e2e ${unique()}`;
    await page.getByRole("textbox", { name: "Add a note" }).fill(note);
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(timeline.locator('[data-kind="NOTE"]').filter({ hasText: note })).toBeVisible();

    // Recovery resolves it, with the poller's resolution text.
    await setChaos(request, name, "up");
    await expect(facts.locator("[data-fault-status]")).toHaveText("RESOLVED", { timeout: DETECTION_MS });
    await expect(page.getByTestId("fault-resolution")).toHaveText(/^(Recovered: \d+ consecutive passing checks|HAProxy reports catalog\/.* UP again)/);
    await expect(timeline.locator('[data-kind="RESOLVED"]')).toBeVisible();
    await expect(facts.getByText("Time to resolve")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
    await keepScreenshot(page, testInfo, "fault-detail");

    // The acknowledgement's reason is in the audit log.
    const audit = await page.request.get(`/api/v1/audit?action=fault.update&target=${key}`);
    expect(audit.status()).toBe(200);
    expect(JSON.stringify(await audit.json())).toContain(reason);

    // The export carries it too (same filters as the page).
    const csv = await page.request.get(`/api/v1/faults/export?format=csv&status=RESOLVED&q=${key}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="faults-.+\.csv"$/);
    expect(csv.headers()["x-truncated"]).toBe("false");
    const [header, line] = (await csv.text()).split("\r\n");
    expect(header).toBe(
      "key,status,severity,service,instance,type,startedAt,detectedAt,acknowledgedAt,resolvedAt,durationSeconds,cause,resolution,source,flapping",
    );
    expect(line).toMatch(new RegExp(`^${key},RESOLVED,SEV3,catalog,${name},HTTP_STATUS,`));
  });
});

test("an operator records a fault by hand and resolves it with a written resolution", async ({ page }, testInfo) => {
  const cause = `Customers report failed checkouts — e2e ${unique()}`;
  await page.goto("/faults");
  await page.getByRole("button", { name: "Record a fault" }).click();
  const form = page.getByRole("form", { name: "Record a fault" });
  await form.getByLabel("Service", { exact: true }).selectOption({ label: "checkout" });
  await form.getByLabel("Severity").selectOption("SEV2");
  await form.getByLabel("Cause").fill(cause);
  await form.getByRole("button", { name: "Record fault" }).click();

  await expect(page).toHaveURL(/\/faults\/F-\d+$/);
  const key = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: key })).toBeVisible();
  await expect(page.getByTestId("fault-cause")).toHaveText(cause);
  // A service-level fault lists grouped instance faults instead of a chart.
  await expect(page.getByRole("region", { name: /Grouped instance faults/ })).toBeVisible();

  await page.getByRole("button", { name: "Resolve" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Resolve" })).toBeDisabled(); // a resolution is required
  await dialog.getByRole("textbox", { name: /Resolution/ }).fill("Payment provider fixed their API");
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("fault-facts").locator("[data-fault-status]")).toHaveText("RESOLVED");
  await expect(page.getByTestId("fault-resolution")).toHaveText("Payment provider fixed their API");

  // Editing the cause keeps the previous text in the timeline.
  await page.getByRole("button", { name: "Edit cause" }).click();
  await page.getByRole("textbox", { name: "Cause" }).fill(`${cause} (edited)`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("fault-cause")).toHaveText(`${cause} (edited)`);
  await expect(page.locator('[data-kind="CAUSE_EDITED"]')).toContainText(`Previously: ${cause}`);
  await keepScreenshot(page, testInfo, "fault-manual");
});

test("an operator puts an instance in maintenance from the Services page and ends it", async ({ page }, testInfo) => {
  const name = instanceOf("catalog", "STANDBY", 1);
  const reason = `e2e maintenance ${unique()}`;
  await page.goto("/services");
  await page.getByRole("button", { name: "Maintenance for catalog" }).click();
  const form = page.getByRole("form", { name: "Schedule maintenance" });
  await form.getByLabel("What").selectOption({ label: `instance ${name}` });
  await form.getByLabel(/Reason/).fill(reason);
  await form.getByRole("button", { name: "Put in maintenance" }).click();

  const item = page.getByTestId("maintenance-window").filter({ hasText: reason });
  await expect(item).toContainText(`instance ${name} (catalog)`);
  await expect(item).toContainText("ACTIVE");
  await keepScreenshot(page, testInfo, "services-maintenance");

  // The Overview marks the tile.
  await page.goto("/");
  await expect(page.locator(`[data-testid="instance-tile"][data-instance="${name}"]`)).toContainText("in maintenance");

  await page.goto("/services");
  await item.getByRole("button", { name: `End maintenance of instance ${name} (catalog)` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "End maintenance" }).click();
  await expect(item).toHaveCount(0);
  await page.goto("/");
  await expect(page.locator(`[data-testid="instance-tile"][data-instance="${name}"]`)).not.toContainText("in maintenance");
});
