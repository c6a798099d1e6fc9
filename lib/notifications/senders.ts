import nodemailer from "nodemailer";
import { request } from "undici";
import type { ChannelKind } from "@/lib/status/notify-vocabulary";
import { emailContent, pagerDutyBody, slackBody, webhookRequest } from "./formats";
import type { Message } from "./message";

/**
 * The wire: one attempt of one message on one channel, bounded by the channel's timeout. Never
 * throws — the dispatcher records what happened and decides about retries (rules.ts).
 */

export interface ChannelConfig {
  kind: ChannelKind;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  timeoutMs: number;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export async function sendMessage(c: ChannelConfig, m: Message, now: Date = new Date()): Promise<AttemptResult> {
  try {
    switch (c.kind) {
      case "WEBHOOK": {
        const r = webhookRequest(m, String(c.secrets.signingSecret), now);
        return await post(String(c.secrets.url), r.body, r.headers, c.timeoutMs);
      }
      case "SLACK":
        return await post(String(c.secrets.url), slackBody(m), { "content-type": "application/json" }, c.timeoutMs);
      case "PAGERDUTY": {
        const key = String(c.secrets.routingKey);
        const sent = await post(String(c.settings.apiUrl), pagerDutyBody(m, key), { "content-type": "application/json" }, c.timeoutMs);
        // A test leaves no incident open: its trigger is resolved at once.
        if (!sent.ok || m.event !== "TEST") return sent;
        return await post(
          String(c.settings.apiUrl),
          pagerDutyBody({ ...m, event: "FAULT_RESOLVED" }, key),
          { "content-type": "application/json" },
          c.timeoutMs,
        );
      }
      case "EMAIL":
        return await mail(c, m);
    }
  } catch (err) {
    return { ok: false, statusCode: null, error: describe(err, c.timeoutMs) };
  }
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult> {
  const res = await request(url, {
    method: "POST",
    body,
    headers: { "user-agent": "Faultline-Notifier/1", ...headers },
    signal: AbortSignal.timeout(timeoutMs),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = (await res.body.text()).slice(0, 300).trim();
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  return { ok, statusCode: res.statusCode, error: ok ? null : `HTTP ${res.statusCode}${text ? `: ${text.replace(/\s+/g, " ")}` : ""}` };
}

async function mail(c: ChannelConfig, m: Message): Promise<AttemptResult> {
  const s = c.settings as {
    host: string;
    port: number;
    security: "TLS" | "STARTTLS" | "NONE";
    username?: string;
    from: string;
    to: string[];
    allowSelfSigned?: boolean;
  };
  const password = c.secrets.password as string | undefined;
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === "TLS",
    requireTLS: s.security === "STARTTLS",
    ignoreTLS: s.security === "NONE",
    auth: s.username ? { user: s.username, pass: password ?? "" } : undefined,
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
    tls: { rejectUnauthorized: !s.allowSelfSigned },
  });
  // One deadline for the whole conversation (nodemailer's timeouts are per step): the send must
  // end within the dispatcher's lease, or another replica could send the same mail again.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${c.timeoutMs} ms`), { name: "TimeoutError" })), c.timeoutMs);
  });
  try {
    const content = emailContent(m);
    const sending = transport.sendMail({
      from: s.from,
      to: s.to,
      ...content,
      // The idempotency key as Message-ID: a mail system drops a repeat of the same message.
      messageId: `<${m.id.replace(/[^\w.:-]/g, "_")}@faultline>`,
      headers: { "X-Faultline-Event": m.event, "X-Faultline-Delivery": m.id },
    });
    sending.catch(() => undefined); // settled after the deadline: nothing to report any more
    const info = await Promise.race([sending, deadline]);
    return info.rejected.length ? { ok: false, statusCode: null, error: `rejected: ${info.rejected.join(", ")}` } : { ok: true, statusCode: null, error: null };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; message?: string; responseCode?: number };
  if (
    e?.name === "TimeoutError" ||
    e?.name === "AbortError" ||
    e?.code === "UND_ERR_HEADERS_TIMEOUT" ||
    e?.code === "UND_ERR_BODY_TIMEOUT" ||
    e?.code === "ETIMEDOUT"
  ) {
    return `timed out after ${timeoutMs} ms`;
  }
  const msg = (e?.message ?? String(err)).split("\n")[0]!;
  return e?.code ? `${e.code}: ${msg}` : msg;
}
