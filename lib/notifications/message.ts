import type { FaultStatus, FaultType, Severity } from "@/lib/generated/prisma/enums";
import type { NotifyEvent } from "@/lib/status/notify-vocabulary";

/**
 * One notification, channel-neutral: what every channel renders (webhook body as is, Slack
 * blocks, an e-mail, a PagerDuty event). Pure: built from facts loaded by the dispatcher.
 * The webhook body is this object — README "Notifications" documents its fields.
 */

interface FaultFacts {
  id: string;
  number: number;
  type: FaultType;
  status: FaultStatus;
  severity: Severity;
  cause: string;
  resolution: string | null;
  startedAt: Date;
  detectedAt: Date;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  flapCount: number;
  service: { id: string; name: string };
  instance: { id: string; name: string } | null;
  /** Instance faults grouped under this (service) fault. */
  children: Array<{ number: number; instance: string | null; cause: string; status: FaultStatus }>;
}

interface FailoverFacts {
  id: string;
  kind: "FAILOVER" | "FAILBACK";
  state: string;
  actor: string;
  reason: string;
  error: string | null;
  from: string;
  to: string;
  service: { id: string; name: string };
}

export interface MessageFacts {
  idempotencyKey: string;
  event: NotifyEvent;
  at: Date;
  /** The console's base URL (FAULTLINE_PUBLIC_URL), links are made from it. */
  consoleUrl: string;
  /** Escalations: which one; digests and tests: what they carry. */
  note: string | null;
  fault?: FaultFacts | null;
  failover?: FailoverFacts | null;
  balancer?: { id: string; name: string; statusMessage: string | null } | null;
  drift?: { instance: { id: string; name: string }; service: { id: string; name: string }; detail: string; since: Date } | null;
  digest?: { count: number; lines: string[] } | null;
}

export interface Message {
  version: 1;
  /** The idempotency key: the same for every attempt of this message. */
  id: string;
  event: NotifyEvent;
  at: string;
  title: string;
  text: string;
  severity: Severity | null;
  link: string;
  service: { id: string; name: string } | null;
  fault: {
    id: string;
    key: string;
    type: FaultType;
    status: FaultStatus;
    severity: Severity;
    cause: string;
    resolution: string | null;
    startedAt: string;
    detectedAt: string;
    instance: { id: string; name: string } | null;
    grouped: Array<{ key: string; instance: string | null; cause: string; status: FaultStatus }>;
    link: string;
  } | null;
  failover: { id: string; kind: string; state: string; from: string; to: string; actor: string; reason: string; error: string | null } | null;
  balancer: { id: string; name: string; status: string | null } | null;
  /** What a receiver can do without opening the console (an authenticated API call). */
  actions: Array<{ label: string; method: "PATCH" | "POST"; url: string; body: Record<string, unknown> }>;
}

const VERB: Partial<Record<NotifyEvent, string>> = {
  FAULT_OPENED: "opened",
  FAULT_ACKNOWLEDGED: "acknowledged",
  FAULT_RESOLVED: "resolved",
  FAULT_REOPENED: "reopened",
  FAULT_FLAPPING: "is flapping",
  ESCALATION: "is still unacknowledged",
};

export function buildMessage(f: MessageFacts): Message {
  const base = f.consoleUrl.replace(/\/+$/, "");
  const common = {
    version: 1 as const,
    id: f.idempotencyKey,
    event: f.event,
    at: f.at.toISOString(),
    fault: null,
    failover: null,
    balancer: null,
    actions: [],
  };
  if (f.fault) return { ...common, ...faultMessage(f, f.fault, base) };
  if (f.failover) {
    const o = f.failover;
    const what = o.kind === "FAILBACK" ? "Failback" : "Failover";
    const state = f.event.replace("FAILOVER_", "").replace("_", " ").toLowerCase();
    return {
      ...common,
      title: `${what} of ${o.service.name} ${state}: ${o.from} → ${o.to}`,
      text: [
        `${what} of ${o.service.name} from ${o.from} to ${o.to} by ${o.actor}: ${o.state}.`,
        o.reason ? `Reason: ${o.reason}` : "",
        o.error ? `Error: ${o.error}` : "",
      ]
        .filter(Boolean)
        .join("\n"),
      severity: f.event === "FAILOVER_FAILED" || f.event === "FAILOVER_ROLLED_BACK" ? "SEV2" : null,
      link: `${base}/services/${o.service.id}`,
      service: o.service,
      failover: { id: o.id, kind: o.kind, state: o.state, from: o.from, to: o.to, actor: o.actor, reason: o.reason, error: o.error },
    };
  }
  if (f.balancer) {
    return {
      ...common,
      title: `Balancer ${f.balancer.name} unreachable`,
      text: `Faultline cannot reach HAProxy ${f.balancer.name}${f.balancer.statusMessage ? `: ${f.balancer.statusMessage}` : ""}. Its servers' state is not observed and no weight or drain can be applied until it answers.`,
      severity: "SEV2",
      link: `${base}/settings#balancers`,
      service: null,
      balancer: { id: f.balancer.id, name: f.balancer.name, status: f.balancer.statusMessage },
    };
  }
  if (f.drift) {
    const d = f.drift;
    return {
      ...common,
      title: `Drift persists on ${d.service.name}/${d.instance.name}`,
      text: `HAProxy differs from Faultline's desired state since ${d.since.toISOString()}: ${d.detail}`,
      severity: "SEV3",
      link: `${base}/services/${d.service.id}`,
      service: d.service,
    };
  }
  if (f.digest) {
    return {
      ...common,
      title: `${f.digest.count} more notification${f.digest.count === 1 ? "" : "s"} (rate limit)`,
      text: [...f.digest.lines.slice(0, 10), f.digest.count > 10 ? `… and ${f.digest.count - 10} more` : ""].filter(Boolean).join("\n"),
      severity: null,
      link: `${base}/faults`,
      service: null,
    };
  }
  return {
    ...common,
    title: "Faultline test notification",
    text: f.note ?? "This channel works: Faultline can reach it.",
    severity: null,
    link: `${base}/settings#notifications`,
    service: null,
  };
}

function faultMessage(f: MessageFacts, x: FaultFacts, base: string) {
  const key = `F-${x.number}`;
  const link = `${base}/faults/${key}`;
  const where = x.instance ? `${x.service.name}/${x.instance.name}` : x.service.name;
  const verb = VERB[f.event] ?? f.event.toLowerCase();
  const escalation = f.event === "ESCALATION" && f.note ? ` (${f.note})` : "";
  const lines = [
    f.event === "FAULT_RESOLVED" ? `Resolved: ${x.resolution ?? "—"}` : `Cause: ${x.cause}`,
    `Started ${x.startedAt.toISOString()}, detected ${x.detectedAt.toISOString()}.`,
    f.event === "FAULT_ACKNOWLEDGED" && x.acknowledgedBy ? `Acknowledged by ${x.acknowledgedBy}.` : "",
    f.event === "FAULT_FLAPPING" || f.event === "FAULT_REOPENED"
      ? `Down again ${x.flapCount} time${x.flapCount === 1 ? "" : "s"}; further flaps are not sent, its final resolution is.`
      : "",
    ...childLines(x),
  ].filter(Boolean);
  const grouped = x.children.map((c) => ({ key: `F-${c.number}`, instance: c.instance, cause: c.cause, status: c.status }));
  return {
    title: `[${x.severity}] ${key} ${verb}${escalation}: ${where} ${x.type}`,
    text: lines.join("\n"),
    severity: x.severity,
    link,
    service: x.service,
    fault: {
      id: x.id,
      key,
      type: x.type,
      status: x.status,
      severity: x.severity,
      cause: x.cause,
      resolution: x.resolution,
      startedAt: x.startedAt.toISOString(),
      detectedAt: x.detectedAt.toISOString(),
      instance: x.instance,
      grouped,
      link,
    },
    actions:
      x.status === "OPEN"
        ? [
            {
              label: "Acknowledge",
              method: "PATCH" as const,
              url: `${base}/api/v1/faults/${x.id}`,
              body: { status: "ACKNOWLEDGED", reason: "acknowledged from a notification" },
            },
          ]
        : [],
  };
}

function childLines(x: FaultFacts): string[] {
  if (x.children.length === 0) return [];
  const open = x.children.filter((c) => c.status !== "RESOLVED").length;
  const head = `${x.children.length} instance fault${x.children.length === 1 ? "" : "s"} grouped under it (${open} open):`;
  const shown = x.children
    .slice(0, 20)
    .map((c) => `• F-${c.number} ${c.instance ?? "?"} ${c.status === "RESOLVED" ? "(recovered)" : ""}: ${c.cause}`.replace(/ +:/, ":"));
  return [head, ...shown, ...(x.children.length > 20 ? [`… and ${x.children.length - 20} more`] : [])];
}
