import fs from "node:fs/promises";
import { adminApi, unique } from "./support/api";
import { expect, test } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

// Seeds a known outage over the API (a SERVICE_DOWN fault recorded by hand, 2 h ago, resolved
// now), then reads it back where a reviewer would: the Reports page, its chart tables, the
// incident timeline exports, and the fault's postmortem.

let key: string;
let serviceName: string;
const cause = `reports e2e outage ${unique()}`;

test.beforeAll(async ({ playwright }) => {
  const api = await adminApi(playwright);
  const services = (await (await api.get("/api/v1/services")).json()).items as { id: string; name: string }[];
  const service = services[0]!;
  serviceName = service.name;
  const startedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const created = await api.post("/api/v1/faults", { data: { serviceId: service.id, type: "SERVICE_DOWN", severity: "SEV1", startedAt, cause } });
  expect(created.status(), await created.text()).toBe(201);
  const fault = await created.json();
  key = fault.key;
  const resolved = await api.patch(`/api/v1/faults/${fault.id}`, { data: { status: "RESOLVED", resolution: "rolled back", reason: "e2e" } });
  expect(resolved.status(), await resolved.text()).toBe(200);
  await api.dispose();
});

test("Reports: figures explained on hover, range change, a chart as a table", async ({ page }, testInfo) => {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const availability = page.getByTestId(`availability-${serviceName}`);
  await expect(availability).toBeVisible();
  // 2 h of outage in 7 days: below 100 %, and the hover text shows the formula with its numbers.
  await expect(availability).not.toHaveText("100.000 %");
  await expect(availability).toHaveAttribute("title", /Availability = \(range − maintenance − down\) ÷ \(range − maintenance\)/);
  await expect(availability).toHaveAttribute("title", /SERVICE_DOWN fault/);
  await expect(page.getByTestId(`mttr-${serviceName}`)).toHaveAttribute("title", /MTTR: mean of \(resolvedAt − startedAt\)/);

  await page.getByRole("button", { name: "30 d" }).click();
  await expect(page.getByRole("button", { name: "30 d" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/Availability, mean times.*\(UTC\)/)).toBeVisible();
  await keepScreenshot(page, testInfo, "reports");

  const faultsChart = page.getByTestId("chart-faults");
  await faultsChart.getByRole("button", { name: "Table view" }).click();
  const table = faultsChart.getByRole("table", { name: "Faults per day by type" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "SERVICE_DOWN" })).toBeVisible();
  await expect(faultsChart.getByRole("button", { name: "Chart view" })).toHaveAttribute("aria-pressed", "true");
  await keepScreenshot(page, testInfo, "reports-table-view");
});

test("Incident review: the merged timeline, exported as Markdown and CSV", async ({ page }, testInfo) => {
  await page.goto("/reports");
  await page.getByRole("button", { name: "24 h" }).click();
  await page.getByRole("tab", { name: "Incident review" }).click();
  const timeline = page.getByTestId("timeline-table");
  await expect(timeline.getByRole("row").filter({ hasText: key }).first()).toBeVisible();
  await expect(timeline.getByRole("row").filter({ hasText: cause })).toHaveCount(1);
  await keepScreenshot(page, testInfo, "incident-timeline");

  const [md] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export Markdown" }).click()]);
  expect(md.suggestedFilename()).toMatch(/^timeline-.*\.md$/);
  const markdown = await fs.readFile((await md.path())!, "utf8");
  expect(markdown).toMatch(/^# Incident timeline \d{4}-\d\d-\d\dT/);
  expect(markdown).toContain("| Time (UTC) | Category | Kind | Service | Subject | Actor | What |");
  expect(markdown).toMatch(new RegExp(`\\| FAULT \\| OPENED \\| ${serviceName} \\| ${key} \\|.*${cause}`));

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const text = await fs.readFile((await csv.path())!, "utf8");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe("at,category,kind,service,subject,actor,message");
  expect(lines.some((l) => l.includes(`,FAULT,RESOLVED,${serviceName},${key},`) && l.endsWith(",rolled back"))).toBe(true);
});

test("a postmortem on the fault: impact, root cause, action items; filterable", async ({ page }, testInfo) => {
  await page.goto(`/faults/${key}`);
  await page.getByRole("button", { name: "Write postmortem" }).click();
  await page.getByLabel("Impact summary").fill("Checkout refused orders for 2 hours.");
  await page.getByLabel("Root cause category").selectOption({ label: "Deploy" });
  await page.getByRole("button", { name: "Add action item" }).click();
  await page.getByLabel("Action item 1", { exact: true }).fill("Canary deploys for this service");
  await page.getByRole("button", { name: "Add action item" }).click();
  await page.getByLabel("Action item 2", { exact: true }).fill("Alert on error budget burn");
  await page.getByLabel("Action item 2 done").check();
  await page.getByRole("button", { name: "Save postmortem" }).click();
  const pm = page.getByTestId("postmortem");
  await expect(pm).toContainText("Checkout refused orders for 2 hours.");
  await expect(pm).toContainText("Deploy");
  await expect(pm).toContainText("Action items (1/2 done)");
  await expect(page.getByText(/Postmortem root cause: — → deploy/)).toBeVisible();
  await keepScreenshot(page, testInfo, "postmortem");

  await page.goto("/faults");
  await page.getByLabel("RESOLVED").check();
  await page.getByRole("combobox", { name: "Postmortem" }).selectOption("true");
  await expect(page.getByTestId("fault-row").filter({ hasText: key })).toBeVisible();
  await page.getByRole("combobox", { name: "Postmortem" }).selectOption("false");
  await expect(page.getByTestId("fault-row").filter({ hasText: key })).toHaveCount(0);
});
