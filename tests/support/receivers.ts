import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * Real loopback receivers for notification tests: an HTTP endpoint that verifies Faultline's
 * webhook signature on its own (node:crypto, not Faultline's code) and answers as the test tells
 * it; an SMTP server (the `smtp-server` package) that keeps every message it accepts.
 */

interface ReceivedRequest {
  at: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
  /** x-faultline-signature verified against the secret (null when no secret was given). */
  signatureValid: boolean | null;
}

/** What the receiver does with the n-th request (0-based): answer a status, or never answer. */
type Behaviour = (n: number) => number | "hang";

export interface HttpReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  behave(b: Behaviour): void;
  /** Stop listening (senders get connection refused) and listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

function verifySignature(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const ts = String(headers["x-faultline-timestamp"] ?? "");
  const got = String(headers["x-faultline-signature"] ?? "");
  const want = `v1=${crypto.createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
  return fresh && got.length === want.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

export async function startHttpReceiver(o: { secret?: string; port?: number; /** Answer after this long. */ delayMs?: number } = {}): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let behaviour: Behaviour = () => 200;
  const hanging = new Set<http.ServerResponse>();
  const make = () =>
    http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          /* not JSON */
        }
        const n = requests.length;
        requests.push({
          at: Date.now(),
          path: req.url ?? "/",
          headers: req.headers,
          body,
          json,
          signatureValid: o.secret ? verifySignature(o.secret, req.headers, body) : null,
        });
        const b = behaviour(n);
        if (b === "hang") {
          hanging.add(res);
          return;
        }
        const answer = () => res.writeHead(b, { "content-type": "text/plain" }).end(b < 300 ? "ok" : `failing on purpose (${b})`);
        if (o.delayMs) setTimeout(answer, o.delayMs);
        else answer();
      });
    });
  let server = make();
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await listen(o.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const close = async () => {
    for (const r of hanging) r.destroy();
    hanging.clear();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    behave(b) {
      behaviour = b;
    },
    down: close,
    async up() {
      server = make();
      await listen(port);
    },
    stop: async () => {
      if (server.listening) await close();
    },
  };
}

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  stop(): Promise<void>;
}

/** An SMTP server on loopback: AUTH PLAIN/LOGIN against `user`/`password` when given, STARTTLS with its built-in self-signed certificate. */
export async function startSmtpReceiver(o: { user?: string; password?: string } = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !o.user,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === o.user && auth.password === o.password) cb(null, { user: auth.username });
      else cb(new Error("invalid credentials"));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? "",
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
