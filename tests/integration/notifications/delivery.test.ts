import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { call, startAuthWorld, uniqueName, type AuthWorld } from "../auth/harness";
import { eventually } from "../../support/eventually";
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver } from "../../support/receivers";
import { newService, openFault, patchFault, runNotifier, webhookRoute } from "./harness";

/**
 * Notifications end to end on real loopback receivers: an HTTP receiver that checks the HMAC
 * signature itself, an SMTP server; the dispatcher running as it does in the server.
 */
const SECRET = "integration-signing-secret";
let w: AuthWorld;
let stopNotifier: () => Promise<void>;
const receivers: HttpReceiver[] = [];

async function receiver() {
  const r = await startHttpReceiver({ secret: SECRET });
  receivers.push(r);
  return r;
}

const deliveriesOf = async (faultId: string) =>
  (await call(`/api/v1/faults/${faultId}/notifications`, { bearer: w.tokens.VIEWER.secret })).body as {
    items: Array<{
      id: string;
      event: string;
      status: string;
      attempts: number;
      note: string | null;
      lastError: string | null;
      attemptLog: Array<{ ok: boolean; statusCode: number | null; error: string | null }>;
    }>;
  };

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "notify");
  stopNotifier = runNotifier(w.prisma);
});
afterAll(async () => {
  await stopNotifier?.();
  for (const r of receivers) await r.stop();
  await w?.close();
});

describe("notifications on real receivers", () => {
  it("a fault's opening, acknowledgement and resolution reach the webhook signed, once each, in order; secrets never come back", async () => {
    const rx = await receiver();
    const svc = await newService(w.prisma);
    const { channel } = await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id });
    const fault = await openFault(w, svc.id);
    await eventually("opened delivered", async () => rx.requests.length === 1);
    const opened = rx.requests[0]!;
    expect(opened.signatureValid).toBe(true);
    expect(opened.headers["x-faultline-event"]).toBe("FAULT_OPENED");
    expect(opened.json).toMatchObject({
      version: 1,
      event: "FAULT_OPENED",
      severity: "SEV1",
      service: { name: svc.name },
      fault: { key: fault.key, status: "OPEN" },
    });
    expect((opened.json as { link: string }).link).toMatch(new RegExp(`/faults/${fault.key}$`));

    expect((await patchFault(w, fault.id, { status: "ACKNOWLEDGED" })).status).toBe(200);
    expect((await patchFault(w, fault.id, { status: "RESOLVED", resolution: "rolled back the deploy" })).status).toBe(200);
    await eventually("ack and resolve delivered", async () => rx.requests.length === 3);
    expect(rx.requests.map((r) => r.headers["x-faultline-event"])).toEqual(["FAULT_OPENED", "FAULT_ACKNOWLEDGED", "FAULT_RESOLVED"]);
    expect(rx.requests.every((r) => r.signatureValid)).toBe(true);
    expect(new Set(rx.requests.map((r) => r.headers["idempotency-key"])).size).toBe(3);

    const log = await deliveriesOf(fault.id);
    expect(log.items.map((d) => [d.event, d.status, d.attempts])).toEqual([
      ["FAULT_OPENED", "DELIVERED", 1],
      ["FAULT_ACKNOWLEDGED", "DELIVERED", 1],
      ["FAULT_RESOLVED", "DELIVERED", 1],
    ]);

    // The channel as the API and the audit log show it: the URL masked to its origin, the signing secret hidden.
    const shown = JSON.stringify((await call(`/api/v1/notifications/channels/${channel.id}`, { bearer: w.tokens.ADMIN.secret })).body);
    expect(shown).toContain('"url":"http://127.0.0.1:');
    expect(shown).not.toContain("/hook");
    expect(shown).not.toContain(SECRET);
    const audit = await w.prisma.auditEntry.findMany({ where: { target: `notification_channel:${channel.id}` } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(SECRET);
    const stored = await w.prisma.notificationChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(stored.secrets).not.toContain(SECRET);
    expect(stored.secrets).not.toContain("/hook");
  });

  it("a receiver answering 500 five times then 200: delivered once, after 6 attempts, all logged", async () => {
    const rx = await receiver();
    rx.behave((n) => (n < 5 ? 500 : 200));
    const svc = await newService(w.prisma);
    await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id });
    const fault = await openFault(w, svc.id);
    await eventually("delivered", async () => (await deliveriesOf(fault.id)).items[0]?.status === "DELIVERED", 15_000);
    const [d] = (await deliveriesOf(fault.id)).items;
    expect(d!.attempts).toBe(6);
    expect(d!.attemptLog.map((a) => a.statusCode).reverse()).toEqual([500, 500, 500, 500, 500, 200]);
    expect(d!.attemptLog[1]!.error).toMatch(/HTTP 500: failing on purpose/);
    expect(rx.requests).toHaveLength(6);
    expect(new Set(rx.requests.map((r) => r.headers["idempotency-key"])).size).toBe(1);
  });

  it("a receiver that hangs: the attempt times out and the message is retried", async () => {
    const rx = await receiver();
    rx.behave((n) => (n === 0 ? "hang" : 200));
    const svc = await newService(w.prisma);
    await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id, timeoutMs: 400 });
    const fault = await openFault(w, svc.id);
    await eventually("delivered after the timeout", async () => (await deliveriesOf(fault.id)).items[0]?.status === "DELIVERED", 10_000);
    const [d] = (await deliveriesOf(fault.id)).items;
    expect(d!.attempts).toBe(2);
    expect(d!.attemptLog[1]).toMatchObject({ ok: false, statusCode: null, error: "timed out after 400 ms" });
  });

  it("a receiver down longer than the give-up age: DEAD, shown, and re-sent by an operator once it is back", async () => {
    const rx = await receiver();
    await rx.down();
    const svc = await newService(w.prisma);
    await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id });
    const fault = await openFault(w, svc.id);
    await eventually("DEAD", async () => (await deliveriesOf(fault.id)).items[0]?.status === "DEAD", 15_000);
    const [dead] = (await deliveriesOf(fault.id)).items;
    expect(dead!.attempts).toBeGreaterThan(1);
    expect(dead!.lastError).toMatch(/ECONNREFUSED/);
    const listed = (await call("/api/v1/notifications/deliveries?status=DEAD", { bearer: w.tokens.VIEWER.secret })).body as { items: Array<{ id: string }> };
    expect(listed.items.map((d) => d.id)).toContain(dead!.id);
    const status = (await call("/api/v1/status")).body as { notifications: { dead: number } };
    expect(status.notifications.dead).toBeGreaterThan(0);

    await rx.up();
    const resend = () =>
      call(`/api/v1/notifications/deliveries/${dead!.id}/resend`, { method: "POST", bearer: w.tokens.OPERATOR.secret, body: { reason: "receiver is back" } });
    const [a, b] = await Promise.all([resend(), resend()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await eventually("delivered after re-send", async () => (await deliveriesOf(fault.id)).items[0]?.status === "DELIVERED", 10_000);
    await new Promise((r) => setTimeout(r, 300));
    // A double click re-sends once.
    expect(rx.requests).toHaveLength(1);
    expect(rx.requests[0]!.headers["idempotency-key"]).toBe(
      (await w.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: BigInt(dead!.id) } })).idempotencyKey,
    );
  });

  it("a receiver refusing the message (404) is DEAD at once, not retried for a day", async () => {
    const rx = await receiver();
    rx.behave(() => 404);
    const svc = await newService(w.prisma);
    await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id });
    const fault = await openFault(w, svc.id);
    await eventually("DEAD", async () => (await deliveriesOf(fault.id)).items[0]?.status === "DEAD");
    expect(rx.requests).toHaveLength(1);
  });

  it("escalation: unacknowledged after N seconds it is sent again, every M while open; acknowledging stops it", async () => {
    const rx = await receiver();
    const svc = await newService(w.prisma);
    await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id, route: { escalateAfterSeconds: 1, repeatEverySeconds: 1 } });
    const fault = await openFault(w, svc.id);
    await eventually("two escalations", async () => rx.requests.filter((r) => r.headers["x-faultline-event"] === "ESCALATION").length >= 2, 10_000);
    const esc = rx.requests.find((r) => r.headers["x-faultline-event"] === "ESCALATION")!;
    expect((esc.json as { title: string }).title).toMatch(/is still unacknowledged \(escalation 1/);
    expect((await patchFault(w, fault.id, { status: "ACKNOWLEDGED" })).status).toBe(200);
    await eventually("ack delivered", async () => rx.requests.some((r) => r.headers["x-faultline-event"] === "FAULT_ACKNOWLEDGED"));
    const count = rx.requests.filter((r) => r.headers["x-faultline-event"] === "ESCALATION").length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(rx.requests.filter((r) => r.headers["x-faultline-event"] === "ESCALATION").length).toBe(count);
  });

  it("over the channel's rate, the rest is folded into one digest ('and N more')", async () => {
    const rx = await receiver();
    const svc = await newService(w.prisma);
    const { channel } = await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id, ratePerMinute: 3 });
    // Eight faults at once: three go out, five are folded into the digest sent when the minute ends.
    for (let i = 0; i < 8; i++) await openFault(w, svc.id, "SEV2");
    await eventually("3 sent, 5 folded", async () => {
      const folded = await w.prisma.notificationDelivery.count({ where: { channelId: channel.id, digestId: { not: null } } });
      return rx.requests.length === 3 && folded === 5;
    });
    const digest = await w.prisma.notificationDelivery.findFirstOrThrow({ where: { channelId: channel.id, event: "DIGEST" } });
    // Send it now rather than wait for the minute's end.
    await w.prisma.notificationDelivery.update({ where: { id: digest.id }, data: { nextAttemptAt: new Date() } });
    await eventually("digest delivered", async () => rx.requests.length === 4, 5_000);
    const body = rx.requests[3]!.json as { event: string; title: string; text: string };
    expect(body.event).toBe("DIGEST");
    expect(body.title).toBe("5 more notifications (rate limit)");
    expect(body.text.split("\n")).toHaveLength(5);
  });

  it("e-mail over SMTP with AUTH and STARTTLS reaches the server, and a test send says what happened", async () => {
    const smtp = await startSmtpReceiver({ user: "faultline", password: "smtp-pass-123" });
    try {
      const created = await call("/api/v1/notifications/channels", {
        method: "POST",
        bearer: w.tokens.ADMIN.secret,
        body: {
          kind: "EMAIL",
          name: uniqueName("mail"),
          settings: {
            host: "127.0.0.1",
            port: smtp.port,
            security: "STARTTLS",
            username: "faultline",
            from: "faultline@example.com",
            to: ["oncall@example.com"],
            allowSelfSigned: true,
          },
          secrets: { password: "smtp-pass-123" },
        },
      });
      expect(created.status).toBe(201);
      const ch = created.body as { id: string; secrets: Record<string, string> };
      expect(ch.secrets).toEqual({ password: "••••" });
      const test = await call(`/api/v1/notifications/channels/${ch.id}/test`, { method: "POST", bearer: w.tokens.ADMIN.secret, body: {} });
      expect(test.status).toBe(200);
      expect(test.body).toMatchObject({ event: "TEST", status: "DELIVERED", attempts: 1 });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ from: "faultline@example.com", to: ["oncall@example.com"], subject: "Faultline test notification" });

      // A wrong password: the test answers 200 with the failure, DEAD (a test is not retried).
      await call(`/api/v1/notifications/channels/${ch.id}`, { method: "PATCH", bearer: w.tokens.ADMIN.secret, body: { secrets: { password: "wrong" } } });
      const bad = await call(`/api/v1/notifications/channels/${ch.id}/test`, { method: "POST", bearer: w.tokens.ADMIN.secret, body: {} });
      expect(bad.body).toMatchObject({ status: "DEAD" });
      expect((bad.body as { lastError: string }).lastError).toMatch(/auth|credentials|535/i);
    } finally {
      await smtp.stop();
    }
  });

  it("failover states, a balancer becoming unreachable and drift that persists are sent; a fault under maintenance is muted", async () => {
    const rx = await receiver();
    const svc = await newService(w.prisma);
    await webhookRoute(w, {
      url: rx.url,
      secret: SECRET,
      serviceId: null,
      route: { events: ["FAILOVER_STARTED", "FAILOVER_FAILED", "BALANCER_UNREACHABLE", "DRIFT_PERSISTS", "FAULT_OPENED"], serviceId: null },
    });
    const pool = svc.pools[0]!;
    const standby = await w.prisma.pool.create({ data: { serviceId: svc.id, name: `${svc.name}-b`, role: "STANDBY" } });
    // The failover runner's state changes, as it writes them.
    const fo = await w.prisma.failover.create({
      data: { serviceId: svc.id, fromPoolId: pool.id, toPoolId: standby.id, trigger: "MANUAL", actor: "op@example.com", reason: "drill" },
    });
    await w.prisma.failover.update({ where: { id: fo.id }, data: { state: "APPLYING" } });
    await w.prisma.failover.update({ where: { id: fo.id }, data: { state: "FAILED", error: "HAProxy refused set server" } });
    const lb = await w.prisma.balancer.create({ data: { name: uniqueName("lb"), runtimeApi: "127.0.0.1:1", status: "CONNECTED" } });
    await w.prisma.balancer.update({ where: { id: lb.id }, data: { status: "UNREACHABLE", statusMessage: "connect ECONNREFUSED 127.0.0.1:1" } });
    await w.prisma.balancer.update({ where: { id: lb.id }, data: { statusMessage: "still refused" } });
    await w.prisma.instance.update({
      where: { id: pool.instances[0]!.id },
      data: { drift: true, driftDetail: "weight 0 in HAProxy, 100 desired", driftSince: new Date(Date.now() - 2 * 3_600_000) },
    });
    const events = () => rx.requests.map((r) => String(r.headers["x-faultline-event"])).sort();
    await eventually("4 sent", async () => rx.requests.length === 4, 10_000);
    expect(events()).toEqual(["BALANCER_UNREACHABLE", "DRIFT_PERSISTS", "FAILOVER_FAILED", "FAILOVER_STARTED"]);
    const failed = rx.requests.find((r) => r.headers["x-faultline-event"] === "FAILOVER_FAILED")!.json as { title: string; text: string };
    expect(failed.title).toBe(`Failover of ${svc.name} failed: ${pool.name} → ${standby.name}`);
    expect(failed.text).toContain("HAProxy refused set server");

    // Under a maintenance window, a fault of the service is recorded but not sent.
    await w.prisma.maintenanceWindow.create({
      data: { serviceId: svc.id, startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 600_000), reason: "upgrade", createdBy: "t" },
    });
    const fault = await openFault(w, svc.id);
    await eventually("muted", async () => (await deliveriesOf(fault.id)).items[0]?.status === "SUPPRESSED");
    expect((await deliveriesOf(fault.id)).items[0]!.note).toBe("muted by a maintenance window");
    await new Promise((r) => setTimeout(r, 500));
    expect(rx.requests).toHaveLength(4);
  });

  it("a dispatcher killed between claim and decision: the next one still applies the rules (a grouped instance fault stays unsent)", async () => {
    const rx = await receiver();
    const svc = await newService(w.prisma);
    const { channel } = await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id, route: { events: ["FAULT_RESOLVED"] } });
    const base = { serviceId: svc.id, startedAt: new Date(), detectedAt: new Date(), cause: "down", source: "POLLER" as const };
    const parent = await w.prisma.fault.create({ data: { ...base, type: "SERVICE_DOWN", fingerprint: uniqueName("svc") } });
    const child = await w.prisma.fault.create({
      data: { ...base, type: "TIMEOUT", instanceId: svc.pools[0]!.instances[0]!.id, parentId: parent.id, fingerprint: uniqueName("inst") },
    });
    // What a SIGKILL right after the claim leaves: SENDING, attempt 1 counted, lease run out, never admitted.
    const d = await w.prisma.notificationDelivery.create({
      data: {
        idempotencyKey: uniqueName("k"),
        channelId: channel.id,
        event: "FAULT_OPENED",
        faultId: child.id,
        status: "SENDING",
        attempts: 1,
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    await eventually("suppressed", async () => (await w.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: d.id } })).status === "SUPPRESSED");
    expect((await w.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: d.id } })).note).toBe(`covered by the service fault F-${parent.number}`);
    expect(rx.requests).toHaveLength(0);
  });

  it("the outbox row is written in the fault's own transaction: a rolled-back change leaves none, a committed one always has one", async () => {
    const svc = await newService(w.prisma);
    const before = await w.prisma.notificationEvent.count();
    const write = (tx: Parameters<Parameters<typeof w.prisma.$transaction>[0]>[0]) =>
      tx.fault.create({
        data: {
          type: "MANUAL",
          serviceId: svc.id,
          startedAt: new Date(),
          detectedAt: new Date(),
          cause: "x",
          source: "API",
          fingerprint: uniqueName("fp"),
          events: { create: { kind: "OPENED", actor: "t", message: "x" } },
        },
      });
    await expect(
      w.prisma.$transaction(async (tx) => {
        await write(tx);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow(/on purpose/);
    expect(await w.prisma.notificationEvent.count()).toBe(before);
    const f = await w.prisma.$transaction((tx) => write(tx));
    expect(await w.prisma.notificationEvent.findMany({ where: { faultId: f.id }, select: { event: true } })).toEqual([{ event: "FAULT_OPENED" }]);
  });

  it("bad channel and route input: 400 naming the field, nothing stored", async () => {
    const admin = w.tokens.ADMIN.secret;
    const post = (path: string, body: unknown) => call(path, { method: "POST", bearer: admin, body });
    const cases: Array<[string, unknown, string]> = [
      ["/api/v1/notifications/channels", { kind: "SMS", name: "x", secrets: {} }, "kind"],
      ["/api/v1/notifications/channels", { kind: "WEBHOOK", name: "x", secrets: { url: "ftp://x", signingSecret: "0123456789abcdef" } }, "secrets.url"],
      [
        "/api/v1/notifications/channels",
        { kind: "WEBHOOK", name: "x", secrets: { url: "http://127.0.0.1:1/", signingSecret: "short" } },
        "secrets.signingSecret",
      ],
      ["/api/v1/notifications/channels", { kind: "SLACK", name: "x", secrets: { url: "http://127.0.0.1:1/" }, colour: "red" }, "colour"],
      ["/api/v1/notifications/channels", { kind: "EMAIL", name: "x", settings: { host: "h", from: "nope", to: ["a@b.co"] } }, "settings.from"],
      ["/api/v1/notifications/routes", { name: "r", channelId: "0193a1b2-0000-7000-8000-000000000001", events: ["FAULT_OPENED"] }, "channelId"],
      ["/api/v1/notifications/routes", { name: "r", channelId: "0193a1b2-0000-7000-8000-000000000001", events: [] }, "events"],
      [
        "/api/v1/notifications/routes",
        { name: "r", channelId: "0193a1b2-0000-7000-8000-000000000001", events: ["FAULT_OPENED"], repeatEverySeconds: 60 },
        "escalateAfterSeconds",
      ],
    ];
    const before = await w.prisma.notificationChannel.count();
    for (const [path, body, field] of cases) {
      const r = await post(path, body);
      expect([r.status, (r.body as { error: { field?: string } }).error.field], JSON.stringify(body)).toEqual([400, field]);
    }
    expect(await w.prisma.notificationChannel.count()).toBe(before);
  });
});
