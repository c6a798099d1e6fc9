import crypto from "node:crypto";
import type { Message } from "./message";

/**
 * How each channel kind says a message — pure, so the exact bytes are unit-tested. The wire
 * (HTTP, SMTP) is in senders.ts.
 */

const WEBHOOK_HEADERS = {
  timestamp: "x-faultline-timestamp",
  signature: "x-faultline-signature",
  event: "x-faultline-event",
  idempotencyKey: "idempotency-key",
} as const;

/**
 * `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the channel's signing secret. A receiver
 * recomputes it, compares in constant time, and rejects a timestamp older than it tolerates (a
 * replay). README "Notifications" shows the check.
 */
function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function webhookRequest(m: Message, signingSecret: string, now: Date): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(m);
  const ts = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [WEBHOOK_HEADERS.timestamp]: String(ts),
      [WEBHOOK_HEADERS.signature]: webhookSignature(signingSecret, ts, body),
      [WEBHOOK_HEADERS.event]: m.event,
      [WEBHOOK_HEADERS.idempotencyKey]: m.id,
    },
  };
}

const SEVERITY_ICON: Record<string, string> = { SEV1: ":red_circle:", SEV2: ":large_orange_circle:", SEV3: ":large_yellow_circle:", SEV4: ":white_circle:" };

/** Slack incoming-webhook Block Kit message (also what Mattermost and Rocket.Chat accept). */
export function slackBody(m: Message): string {
  const fields = [
    m.severity ? { type: "mrkdwn", text: `*Severity*\n${SEVERITY_ICON[m.severity] ?? ""} ${m.severity}` } : null,
    m.service ? { type: "mrkdwn", text: `*Service*\n${esc(m.service.name)}` } : null,
    m.fault ? { type: "mrkdwn", text: `*Fault*\n<${m.fault.link}|${m.fault.key}> ${m.fault.type} (${m.fault.status})` } : null,
    m.fault?.instance ? { type: "mrkdwn", text: `*Instance*\n${esc(m.fault.instance.name)}` } : null,
  ].filter((f) => f !== null);
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: m.title.slice(0, 150), emoji: true } },
    ...(fields.length ? [{ type: "section", fields }] : []),
    { type: "section", text: { type: "mrkdwn", text: esc(m.text).slice(0, 2900) || " " } },
    { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: m.fault ? `Open ${m.fault.key}` : "Open Faultline" }, url: m.link }] },
    { type: "context", elements: [{ type: "mrkdwn", text: `${m.event} · ${m.at} · id ${m.id}` }] },
  ];
  return JSON.stringify({ text: m.title, blocks });
}

/** Slack's mrkdwn control characters. */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const PD_SEVERITY: Record<string, "critical" | "error" | "warning" | "info"> = { SEV1: "critical", SEV2: "error", SEV3: "warning", SEV4: "info" };

/**
 * PagerDuty Events API v2: one incident per fault (dedup key `faultline-<fault id>`), triggered
 * on open / reopen / flapping / escalation, acknowledged and resolved with it; a failover gets its
 * own key, triggered when it starts, resolved when verified (failed or rolled back: it stays open
 * for someone to look at). Balancer and drift alerts are triggered only: nothing says they are
 * over, so they are resolved in PagerDuty by hand. A test is a trigger followed by its resolve.
 */
export function pagerDutyBody(m: Message, routingKey: string): string {
  const dedupKey = m.fault
    ? `faultline-${m.fault.id}`
    : m.failover
      ? `faultline-failover-${m.failover.id}`
      : m.balancer
        ? `faultline-balancer-${m.balancer.id}`
        : `faultline-${m.id}`;
  const action = m.event === "FAULT_ACKNOWLEDGED" ? "acknowledge" : m.event === "FAULT_RESOLVED" || m.event === "FAILOVER_VERIFIED" ? "resolve" : "trigger";
  const body: Record<string, unknown> = { routing_key: routingKey, event_action: action, dedup_key: dedupKey };
  if (action === "trigger") {
    body.payload = {
      summary: m.title.slice(0, 1024),
      source: m.service?.name ?? m.balancer?.name ?? "faultline",
      severity: PD_SEVERITY[m.severity ?? ""] ?? "info",
      timestamp: m.at,
      component: m.fault?.instance?.name ?? m.service?.name,
      class: m.fault?.type ?? m.event,
      custom_details: { text: m.text, event: m.event, id: m.id, fault: m.fault, failover: m.failover },
    };
    body.links = [{ href: m.link, text: m.fault ? `Faultline ${m.fault.key}` : "Faultline" }];
  }
  return JSON.stringify(body);
}

export function emailContent(m: Message): { subject: string; text: string; html: string } {
  const text = `${m.title}\n\n${m.text}\n\n${m.link}\n\n— Faultline (${m.event}, id ${m.id})`;
  const html = `<h2>${html_(m.title)}</h2><pre style="font:inherit;white-space:pre-wrap">${html_(m.text)}</pre><p><a href="${html_(m.link)}">${html_(m.link)}</a></p><p style="color:#666">Faultline · ${m.event} · id ${html_(m.id)}</p>`;
  return { subject: m.title.replace(/[\r\n]+/g, " ").slice(0, 200), text, html };
}

const html_ = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
