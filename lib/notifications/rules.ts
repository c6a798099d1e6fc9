import type { FaultStatus, FaultType, Severity } from "@/lib/generated/prisma/enums";
import type { NotifyEvent, RouteEvent } from "@/lib/status/notify-vocabulary";

/**
 * The notification rules, pure (README "Notifications" says the same in words):
 * - a route takes an event when it lists the event, the service matches (or the route is for
 *   all) and — for fault events — the fault is at least as severe and of a listed type;
 * - an instance fault covered by a service-level fault (grouped under SERVICE_DOWN, or its
 *   service DEGRADED) is not sent on its own: the service fault's message lists it. An instance
 *   fault's opening, reopening and flapping wait the group wait first, so the instances of a pool
 *   going down one after another become one message, not one each;
 * - ACKNOWLEDGED / RESOLVED go exactly where the fault was announced — also when it has been
 *   grouped or muted since (a PagerDuty incident or a Slack thread must be closed), and nowhere
 *   else (a fault whose opening was held back resolves silently);
 * - a fault that reopens or starts flapping is announced once per fault and route (reopened and
 *   flapping share one key), not per flap; it resolves once, when it has stopped flapping;
 * - a fault under a maintenance window is muted (its resolution still goes where it was announced);
 * - an escalation is sent only while the fault is still OPEN (acknowledging stops it).
 */

export interface RouteRule {
  id: string;
  channelId: string;
  serviceId: string | null;
  minSeverity: Severity;
  faultTypes: FaultType[];
  events: NotifyEvent[];
}

export interface EventFacts {
  eventId: bigint;
  event: RouteEvent;
  at: Date;
  /** The service it concerns; null for a balancer. */
  serviceId: string | null;
  fault: { id: string; type: FaultType; severity: Severity; instanceId: string | null; parentNumber: number | null } | null;
  inMaintenance: boolean;
}

export interface PlannedDelivery {
  routeId: string;
  channelId: string;
  idempotencyKey: string;
  notBefore: Date;
  status: "PENDING" | "SUPPRESSED";
  note: string | null;
}

const RANK: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

export function routeTakes(r: RouteRule, f: EventFacts): boolean {
  if (!r.events.includes(f.event)) return false;
  if (r.serviceId && r.serviceId !== f.serviceId) return false;
  if (f.fault && f.event.startsWith("FAULT_")) {
    if (RANK[f.fault.severity] > RANK[r.minSeverity]) return false;
    if (r.faultTypes.length > 0 && !r.faultTypes.includes(f.fault.type)) return false;
  }
  return true;
}

/** The deliveries one outbox event becomes (some already SUPPRESSED, with the reason). */
export function planDeliveries(f: EventFacts, routes: readonly RouteRule[], o: { groupWaitMs: number }): PlannedDelivery[] {
  const groupedUnder = f.fault?.parentNumber ?? null;
  // A closing event is decided when it is sent, by whether the opening went out (sendDecision).
  const closing = f.event === "FAULT_ACKNOWLEDGED" || f.event === "FAULT_RESOLVED";
  const note = closing
    ? null
    : groupedUnder !== null
      ? `grouped under the service fault F-${groupedUnder}`
      : f.inMaintenance
        ? "muted by a maintenance window"
        : null;
  const announcing = f.event === "FAULT_OPENED" || f.event === "FAULT_REOPENED" || f.event === "FAULT_FLAPPING";
  const wait = announcing && f.fault?.instanceId ? o.groupWaitMs : 0;
  return routes
    .filter((r) => routeTakes(r, f))
    .map((r) => ({
      routeId: r.id,
      channelId: r.channelId,
      idempotencyKey: f.event === "FAULT_FLAPPING" || f.event === "FAULT_REOPENED" ? `again:${f.fault!.id}:${r.id}` : `ev:${f.eventId}:${r.id}`,
      notBefore: new Date(f.at.getTime() + wait),
      status: note ? "SUPPRESSED" : "PENDING",
      note,
    }));
}

export interface SendFacts {
  event: NotifyEvent;
  /** `coveredBy`: the open service-level fault an instance fault is grouped under or whose DEGRADED service it is part of. */
  fault: { status: FaultStatus; instanceId: string | null; coveredBy: number | null } | null;
  /** An earlier opening of this fault on this route was (or is being) sent. */
  announced: boolean;
}

export type SendDecision = { send: true } | { send: false; note: string };

/** Whether a due delivery still says something worth sending, decided on its first attempt. */
export function sendDecision(f: SendFacts): SendDecision {
  const fault = f.fault;
  if (!fault) return { send: true };
  if (f.event === "FAULT_ACKNOWLEDGED" || f.event === "FAULT_RESOLVED")
    return f.announced ? { send: true } : { send: false, note: "never announced on this route" };
  if (fault.coveredBy !== null && fault.instanceId) return { send: false, note: `covered by the service fault F-${fault.coveredBy}` };
  switch (f.event) {
    case "FAULT_OPENED":
    case "FAULT_REOPENED":
    case "FAULT_FLAPPING":
      return fault.instanceId && fault.status === "RESOLVED" ? { send: false, note: "resolved within the group wait" } : { send: true };
    case "ESCALATION":
      return fault.status === "OPEN" ? { send: true } : { send: false, note: `${fault.status.toLowerCase()}: escalation stopped` };
    default:
      return { send: true };
  }
}

/** Acknowledgements and resolutions close things (an incident, a thread): never folded into a digest. Nor is anything for PagerDuty, which deduplicates by key itself. */
export function foldable(event: NotifyEvent, kind: string): boolean {
  return kind !== "PAGERDUTY" && event !== "FAULT_ACKNOWLEDGED" && event !== "FAULT_RESOLVED" && event !== "TEST" && event !== "DIGEST";
}

/**
 * The escalation due now for a fault announced at `announcedAt`: 1 after `afterS`, then one more
 * every `repeatS` (if set). Null before the first. Only the latest is returned — a dispatcher
 * that was down does not send the missed ones in a burst.
 */
export function escalationDue(announcedAt: Date, afterS: number, repeatS: number | null, now: Date): number | null {
  const since = (now.getTime() - announcedAt.getTime()) / 1000 - afterS;
  if (since < 0) return null;
  return repeatS ? 1 + Math.floor(since / repeatS) : 1;
}

/** Exponential backoff with jitter: attempt n waits between ½ and 1 × min(max, base·2ⁿ⁻¹). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: number = Math.random()): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * A failed attempt's verdict: retry, or give up now (DEAD). A receiver refusing the message
 * itself (4xx other than 408/425/429: a wrong URL, a revoked token, a malformed payload) will not
 * change its mind; anything else may be transient until the give-up age.
 */
export function afterFailure(statusCode: number | null, ageMs: number, giveUpMs: number): "retry" | "dead" {
  if (statusCode !== null && statusCode >= 400 && statusCode < 500 && ![408, 425, 429].includes(statusCode)) return "dead";
  return ageMs >= giveUpMs ? "dead" : "retry";
}
