import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAuthWorld, type AuthWorld } from "../auth/harness";
import { eventually } from "../../support/eventually";
import { startHttpReceiver, type HttpReceiver } from "../../support/receivers";
import { newService, openFault, webhookRoute } from "./harness";

/**
 * Exactly-once work across dispatchers, and at-least-once across crashes: two dispatchers on one
 * database deliver each message once; a dispatcher killed with SIGKILL mid-delivery loses
 * nothing — after a restart every message arrives (a repeat carries the same idempotency key).
 */
const SECRET = "safety-signing-secret";
let w: AuthWorld;
const receivers: HttpReceiver[] = [];

beforeAll(async () => {
  w = await startAuthWorld(inject("pg18AdminUrl"), "notify_safety");
});
afterAll(async () => {
  for (const r of receivers) await r.stop();
  await w?.close();
});

async function queue(n: number, delayMs = 0) {
  const rx = await startHttpReceiver({ secret: SECRET, delayMs });
  receivers.push(rx);
  const svc = await newService(w.prisma);
  const { channel } = await webhookRoute(w, { url: rx.url, secret: SECRET, serviceId: svc.id, ratePerMinute: 10_000 });
  for (let i = 0; i < n; i++) await openFault(w, svc.id, "SEV2");
  return { rx, channelId: channel.id };
}

/** A dispatcher in a process of its own (tests/support/notifier-child.ts): a replica that can be SIGKILLed. */
const spawnChild = async (): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/notifier-child.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, FAULTLINE_DATABASE_URL: w.db.url, LOG_LEVEL: "error" },
  });
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on("line", (l) => l === "READY" && resolve());
    child.once("exit", (code) => reject(new Error(`notifier child exited (${code}) before it was ready`)));
  });
  return child;
};
const kill = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once("exit", () => r()), c.kill("SIGKILL"))));

const delivered = (channelId: string) => w.prisma.notificationDelivery.count({ where: { channelId, status: "DELIVERED" } });

describe("dispatch safety", () => {
  it("two dispatchers (two processes) on one PostgreSQL: every message delivered exactly once, the work shared", async () => {
    const { rx, channelId } = await queue(60, 20);
    const children = await Promise.all([spawnChild(), spawnChild()]);
    try {
      await eventually("60 delivered", async () => (await delivered(channelId)) === 60, 20_000);
      await new Promise((r) => setTimeout(r, 500));
      const keys = rx.requests.map((r) => String(r.headers["idempotency-key"]));
      expect(keys).toHaveLength(60);
      expect(new Set(keys).size).toBe(60);
      const attempts = await w.prisma.notificationAttempt.findMany({ where: { delivery: { channelId } }, select: { by: true } });
      const by = [...new Set(attempts.map((a) => a.by.split(":").pop()!))];
      expect(by.sort()).toEqual(children.map((c) => String(c.pid)).sort());
    } finally {
      for (const c of children) await kill(c);
    }
  });

  it("kill -9 of the dispatcher during delivery, 10 times: after restart every message is delivered, none lost", async () => {
    for (let trial = 0; trial < 10; trial++) {
      const { rx, channelId } = await queue(12, 150);
      const first = await spawnChild();
      // Kill it at a different point each time: after 0…9 receipts, some answers still in flight.
      await eventually("some received", async () => rx.requests.length >= trial % 10, 10_000, 10);
      await kill(first);
      const inFlight = await w.prisma.notificationDelivery.count({ where: { channelId, status: { in: ["SENDING", "PENDING"] } } });
      const second = await spawnChild();
      try {
        await eventually(`trial ${trial}: all delivered`, async () => (await delivered(channelId)) === 12, 20_000);
      } finally {
        await kill(second);
      }
      const keys = new Set(rx.requests.map((r) => String(r.headers["idempotency-key"])));
      const want = (await w.prisma.notificationDelivery.findMany({ where: { channelId }, select: { idempotencyKey: true } })).map((d) => d.idempotencyKey);
      expect(want).toHaveLength(12);
      for (const k of want) expect(keys.has(k), `trial ${trial}: ${k} never received (${inFlight} were unfinished at the kill)`).toBe(true);
      // Every receipt is one of the queued messages: a repeat is a repeat of the same key, nothing else.
      expect([...keys].every((k) => want.includes(k))).toBe(true);
      expect(rx.requests.every((r) => r.signatureValid)).toBe(true);
    }
  }, 300_000);
});
