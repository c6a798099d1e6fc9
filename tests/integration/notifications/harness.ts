import type { Db } from "@/lib/db/client";
import { startNotifier, type NotifierConfig } from "@/lib/notifications/notifier";
import { call, uniqueName, type AuthWorld } from "../auth/harness";

/** Short times, so retries, give-up and leases play out in seconds. */
const FAST: NotifierConfig = {
  consoleUrl: "http://127.0.0.1:3000",
  pollMs: 50,
  groupWaitMs: 0,
  retryBaseMs: 50,
  retryMaxMs: 400,
  giveUpMs: 3_000,
  leaseGraceMs: 300,
  driftAfterMs: 3_600_000,
  sweepEveryMs: 200,
};

export const runNotifier = (db: Db, over: Partial<NotifierConfig> = {}) => startNotifier(db, { ...FAST, ...over });

/** A webhook channel and a route for every fault event of one service, through the API. */
export async function webhookRoute(
  w: AuthWorld,
  o: { url: string; secret: string; serviceId: string | null; timeoutMs?: number; ratePerMinute?: number; route?: Record<string, unknown> },
) {
  const admin = w.tokens.ADMIN.secret;
  const ch = await call("/api/v1/notifications/channels", {
    method: "POST",
    bearer: admin,
    body: {
      kind: "WEBHOOK",
      name: uniqueName("hook"),
      timeoutMs: o.timeoutMs ?? 1_000,
      ratePerMinute: o.ratePerMinute ?? 100,
      secrets: { url: o.url, signingSecret: o.secret },
    },
  });
  if (ch.status !== 201) throw new Error(`channel: ${ch.status} ${JSON.stringify(ch.body)}`);
  const channel = ch.body as { id: string; name: string };
  const rt = await call("/api/v1/notifications/routes", {
    method: "POST",
    bearer: admin,
    body: {
      name: uniqueName("route"),
      channelId: channel.id,
      serviceId: o.serviceId,
      events: ["FAULT_OPENED", "FAULT_ACKNOWLEDGED", "FAULT_RESOLVED", "FAULT_REOPENED", "FAULT_FLAPPING"],
      ...o.route,
    },
  });
  if (rt.status !== 201) throw new Error(`route: ${rt.status} ${JSON.stringify(rt.body)}`);
  return { channel, route: rt.body as { id: string } };
}

export async function newService(prisma: Db, instances = 1) {
  const name = uniqueName("svc");
  return prisma.service.create({
    data: {
      name,
      pools: {
        create: {
          name: `${name}-a`,
          role: "ACTIVE",
          instances: { create: Array.from({ length: instances }, (_, i) => ({ name: `${name}-a-${i + 1}`, address: `127.0.0.1:${2000 + i}` })) },
        },
      },
    },
    include: { pools: { include: { instances: true } } },
  });
}

/** Open a service-level fault the way an operator does (POST /api/v1/faults). */
export async function openFault(w: AuthWorld, serviceId: string, severity = "SEV1") {
  const r = await call("/api/v1/faults", {
    method: "POST",
    bearer: w.tokens.OPERATOR.secret,
    body: { serviceId, severity, type: "MANUAL", cause: uniqueName("checkout answers 502") },
  });
  if (r.status !== 201) throw new Error(`fault: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; key: string };
}

export const patchFault = (w: AuthWorld, id: string, body: Record<string, unknown>) =>
  call(`/api/v1/faults/${id}`, { method: "PATCH", bearer: w.tokens.OPERATOR.secret, body });
