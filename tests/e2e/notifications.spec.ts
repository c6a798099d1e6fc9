import http from "node:http";
import type { AddressInfo } from "node:net";
import { adminApi, unique } from "./support/api";
import { test, expect } from "./support/fixtures";
import { keepScreenshot } from "./support/screenshots";

/*
 * Notifications as an admin sets them up in the console: a Slack-style channel pointing at a
 * receiver this test runs, a test message, a route for one service; then that service's only
 * instance breaks and the fault's timeline shows the notification delivered.
 */
const received: Array<{ text: string; blocks: unknown[] }> = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    received.push(JSON.parse(body) as { text: string; blocks: unknown[] });
    res.writeHead(200).end("ok");
  });
});
const app = http.createServer((req, res) => res.writeHead(appStatus).end(appStatus === 200 ? "ok" : "boom"));
let appStatus = 200;
let receiverPort = 0;
let appPort = 0;
let serviceId = "";
let channelName = "";

test.beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  receiverPort = (receiver.address() as AddressInfo).port;
  appPort = (app.address() as AddressInfo).port;
});
test.afterAll(async ({ playwright }) => {
  const admin = await adminApi(playwright);
  if (serviceId) await admin.delete(`/api/v1/services/${serviceId}`, { data: { reason: "e2e cleanup" } });
  const channels = (await (await admin.get("/api/v1/notifications/channels")).json()) as { items: Array<{ id: string; name: string }> };
  for (const c of channels.items.filter((x) => x.name === channelName)) await admin.delete(`/api/v1/notifications/channels/${c.id}`, { data: {} });
  await admin.dispose();
  await new Promise((r) => receiver.close(r));
  await new Promise((r) => app.close(r));
});

test("an admin adds a Slack channel, sends a test, routes a service to it, and sees the fault's notification on its timeline", async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(90_000);
  const name = `notify-${unique()}`;
  channelName = `slack-${unique()}`;
  const admin = await adminApi(playwright);
  const post = async (path: string, data: object) => {
    const res = await admin.post(path, { data });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const check = { kind: "HTTP", path: "/health", intervalMs: 1000, fall: 2, rise: 1, timeoutMs: 500 };
  serviceId = (await post("/api/v1/services", { name, reason: "e2e notifications" })).id;
  const pool = await post(`/api/v1/services/${serviceId}/pools`, { name: `${name}-a`, role: "ACTIVE", reason: "e2e" });
  await post(`/api/v1/pools/${pool.id}/instances`, { name: `${name}-1`, address: `127.0.0.1:${appPort}`, check, reason: "e2e" });
  await admin.dispose();

  await page.goto("/settings#notifications");
  const section = page.getByRole("region", { name: "Notifications" });
  const form = section.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Channel kind").selectOption("SLACK");
  await form.getByLabel("Name").fill(channelName);
  await form.getByLabel("URL (kept secret)").fill(`http://127.0.0.1:${receiverPort}/services/T000/B000/secret-token`);
  await form.getByRole("button", { name: "Add channel" }).click();
  const row = section.getByRole("table", { name: "Channels" }).getByRole("row").filter({ hasText: channelName });
  // The URL is shown masked: its origin only, never the token path.
  await expect(row).toContainText(`url: http://127.0.0.1:${receiverPort}/…`);
  await expect(row).not.toContainText("secret-token");
  await row.getByRole("button", { name: "Send test" }).click();
  await expect(row.getByRole("status")).toHaveText("Test delivered");
  expect(received.at(-1)?.text).toBe("Faultline test notification");

  const routeForm = section.getByRole("form", { name: "Add a route" });
  await routeForm.getByLabel("Route name").fill(`route-${unique()}`);
  await routeForm.getByLabel("Route channel").selectOption({ label: channelName });
  await routeForm.getByLabel("Route service").selectOption({ label: name });
  await routeForm.getByRole("button", { name: "Add route" }).click();
  await expect(section.getByRole("table", { name: "Routes" })).toContainText(channelName);
  await keepScreenshot(page, testInfo, "notifications-settings");

  // Break the only instance: the service is DOWN, its SEV1 fault is sent to the channel.
  appStatus = 500;
  await expect.poll(() => received.filter((m) => m.text.includes("opened") && m.text.includes(name)).length, { timeout: 30_000 }).toBe(1);
  const opened = received.find((m) => m.text.includes("opened") && m.text.includes(name))!;
  expect(opened.text).toMatch(/^\[SEV1\] F-\d+ opened: /);
  const key = /F-\d+/.exec(opened.text)![0];
  await page.goto(`/faults/${key}`);
  const note = page.getByTestId("timeline-notification").filter({ hasText: channelName });
  await expect(note).toHaveAttribute("data-status", "DELIVERED");
  await expect(note).toContainText("fault opened");
  await keepScreenshot(page, testInfo, "notifications-fault-timeline");
  appStatus = 200;
});
