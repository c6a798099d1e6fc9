import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { pagerDutyBody, slackBody, webhookRequest } from "@/lib/notifications/formats";
import { buildMessage, type MessageFacts } from "@/lib/notifications/message";
import { seal, secretKeyOf, unseal } from "@/lib/secrets/seal";

const at = new Date("2026-12-04T10:00:00Z");
const fault: NonNullable<MessageFacts["fault"]> = {
  id: "0193a1b2-0000-7000-8000-000000000001",
  number: 1042,
  type: "SERVICE_DOWN",
  status: "OPEN",
  severity: "SEV1",
  cause: "every instance of pool blue is DOWN",
  resolution: null,
  startedAt: at,
  detectedAt: at,
  acknowledgedBy: null,
  resolvedAt: null,
  flapCount: 0,
  service: { id: "s1", name: "checkout" },
  instance: null,
  children: [
    { number: 1040, instance: "blue-1", cause: "connection refused", status: "OPEN" },
    { number: 1041, instance: "blue-2", cause: "timeout", status: "RESOLVED" },
  ],
};
const msg = (over: Partial<MessageFacts> = {}) =>
  buildMessage({ idempotencyKey: "ev:1:r1", event: "FAULT_OPENED", at, consoleUrl: "https://faultline.example/", note: null, fault, ...over });

describe("buildMessage", () => {
  it("says severity, key, service and links back to the fault, listing the grouped instances", () => {
    const m = msg();
    expect(m.title).toBe("[SEV1] F-1042 opened: checkout SERVICE_DOWN");
    expect(m.link).toBe("https://faultline.example/faults/F-1042");
    expect(m.text).toContain("2 instance faults grouped under it (1 open)");
    expect(m.text).toContain("F-1040 blue-1: connection refused");
    expect(m.fault!.grouped.map((g) => g.key)).toEqual(["F-1040", "F-1041"]);
    expect(m.actions[0]).toMatchObject({ method: "PATCH", url: `https://faultline.example/api/v1/faults/${fault.id}`, body: { status: "ACKNOWLEDGED" } });
  });
});

describe("channel formats", () => {
  it("signs the webhook body with HMAC-SHA256 over timestamp.body", () => {
    const r = webhookRequest(msg(), "s3cret-signing-key", at);
    const ts = r.headers["x-faultline-timestamp"]!;
    expect(ts).toBe(String(at.getTime() / 1000));
    const want = crypto.createHmac("sha256", "s3cret-signing-key").update(`${ts}.${r.body}`).digest("hex");
    expect(r.headers["x-faultline-signature"]).toBe(`v1=${want}`);
    expect(r.headers["idempotency-key"]).toBe("ev:1:r1");
    expect(JSON.parse(r.body)).toMatchObject({ version: 1, id: "ev:1:r1", event: "FAULT_OPENED", severity: "SEV1" });
  });

  it("builds Slack blocks with a button back to the fault", () => {
    const body = JSON.parse(slackBody(msg())) as { text: string; blocks: Array<{ type: string; elements?: Array<{ url?: string }> }> };
    expect(body.text).toContain("F-1042");
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(body.blocks[3]!.elements![0]!.url).toBe("https://faultline.example/faults/F-1042");
  });

  it("keeps one PagerDuty incident per fault: trigger, acknowledge, resolve", () => {
    const trigger = JSON.parse(pagerDutyBody(msg(), "rk")) as Record<string, unknown>;
    expect(trigger).toMatchObject({
      routing_key: "rk",
      event_action: "trigger",
      dedup_key: `faultline-${fault.id}`,
      payload: { severity: "critical", source: "checkout" },
    });
    const ack = JSON.parse(pagerDutyBody(msg({ event: "FAULT_ACKNOWLEDGED" }), "rk")) as Record<string, unknown>;
    expect(ack).toEqual({ routing_key: "rk", event_action: "acknowledge", dedup_key: `faultline-${fault.id}` });
    expect((JSON.parse(pagerDutyBody(msg({ event: "FAULT_RESOLVED" }), "rk")) as { event_action: string }).event_action).toBe("resolve");
    // A failover that failed or was rolled back stays open for someone to look at.
    const failover = {
      id: "fo1",
      kind: "FAILOVER" as const,
      state: "ROLLED_BACK",
      actor: "op",
      reason: "r",
      error: "x",
      from: "blue",
      to: "green",
      service: { id: "s1", name: "checkout" },
    };
    const rolledBack = JSON.parse(pagerDutyBody(msg({ event: "FAILOVER_ROLLED_BACK", fault: null, failover }), "rk")) as {
      event_action: string;
      dedup_key: string;
    };
    expect(rolledBack).toMatchObject({ event_action: "trigger", dedup_key: "faultline-failover-fo1" });
  });
});

describe("seal", () => {
  const k = secretKeyOf(Buffer.alloc(32, 1));
  it("round-trips, with a fresh IV each time", () => {
    const a = seal("hooks.slack.com/T000/B000/XXXX", k);
    expect(a).not.toContain("XXXX");
    expect(a).not.toBe(seal("hooks.slack.com/T000/B000/XXXX", k));
    expect(unseal(a, k)).toBe("hooks.slack.com/T000/B000/XXXX");
  });
  it("names the key when another one is in use, and refuses an altered value", () => {
    const a = seal("x", k);
    expect(() => unseal(a, secretKeyOf(Buffer.alloc(32, 2)))).toThrow(/sealed with key \w{8}, but this process has key \w{8}/);
    const parts = a.split(".");
    parts[4] = Buffer.from("y").toString("base64url");
    expect(() => unseal(parts.join("."), k)).toThrow(/integrity check/);
  });
});
