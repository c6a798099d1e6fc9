/**
 * The evidence rules of an instance-DOWN fault, as a pure core: the fault as stored and one
 * observation in, the write it calls for out. `instance-down.ts` loads the state and performs
 * the decision; the README's "Fault evidence rules" section says the same in prose, and
 * tests/unit/faults/down-rules.test.ts pins them as sequences.
 *
 * Observers are sources of evidence on one fault. The fault remembers which of them see the
 * instance DOWN now (`downSources`); it resolves when the last one sees it serving again — unless
 * it flaps, then it stays open until no observer has seen it DOWN for a whole flap window.
 * Flap folding counts DOWN episodes of the fault, so it works alike whichever observer saw them.
 */
import type { FaultType } from "@/lib/generated/prisma/client";

export type Observer = "POLLER" | "BALANCER";

/** Timeline actor of each observer. */
export const OBSERVER_ACTOR = { POLLER: "poller", BALANCER: "haproxy" } as const satisfies Record<Observer, string>;

/** The unresolved DOWN fault of the instance, as stored. */
export interface OpenDownFault {
  id: string;
  type: FaultType;
  startedAt: Date;
  detectedAt: Date;
  flapping: boolean;
  flapCount: number;
  downSources: readonly Observer[];
}

/** The instance's last DOWN fault, resolved less than a flap window ago. */
export interface RecentDownFault {
  id: string;
  flapCount: number;
}

export interface DownObservation {
  source: Observer;
  /** When the observer saw the instance DOWN (timeline time, and a new fault's detectedAt). */
  at: Date;
  /** The earliest failing evidence of this episode the observer knows of. */
  startedAt: Date;
  /** The observer's classification; null when it has none (HAProxy's generic words). */
  type: FaultType | null;
  cause: string;
  /** The poller's flap detector's verdict including this observation (HAProxy: false). */
  flapping: boolean;
}

export interface UpObservation {
  source: Observer;
  at: Date;
  resolution: string;
  /** The poller's flap detector's verdict including this observation (HAProxy: false). */
  flapping: boolean;
  /** HAProxy only: say so on the timeline when this does not change the fault (false: a state sweep). */
  note: boolean;
}

interface Event {
  kind: "OPENED" | "REOPENED" | "FLAP" | "NOTE" | "BALANCER" | "RESOLVED";
  message: string;
}

/** Fault fields a decision changes (only those present are written). */
export interface FaultPatch {
  type?: FaultType;
  cause?: string;
  startedAt?: Date;
  flapCount?: number;
  flapping?: boolean;
  downSources?: Observer[];
  quietSince?: Date | null;
}

export type DownDecision =
  | { kind: "none" }
  | { kind: "open"; type: FaultType; cause: string; startedAt: Date; detectedAt: Date; downSources: Observer[] }
  | { kind: "reopen"; id: string; patch: FaultPatch; event: Event }
  | { kind: "update"; id: string; patch: FaultPatch; event: Event };

export type UpDecision =
  | { kind: "none" }
  | { kind: "update"; id: string; patch: FaultPatch; event: Event }
  | { kind: "resolve"; id: string; resolvedAt: Date; detectedAt: Date; resolution: string };

/** HAProxy's classification is generic; the poller's (it read the body, the status) is better. */
const GENERIC: readonly FaultType[] = ["BALANCER_REPORTED", "UNKNOWN"];

const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * An observer saw the instance DOWN.
 * - Nothing open, one resolved within the flap window: reopened — the same trouble — with a flap
 *   counted and the new type and cause (the old ones stay in the timeline).
 * - Nothing open: a new fault from the earliest failing evidence.
 * - Open, no observer sees it DOWN (kept open because it flaps): down again — a flap, type and
 *   cause refreshed.
 * - Open, others see it DOWN: this observer joins (its evidence on the timeline; the poller's
 *   classification replaces HAProxy's generic one; the start moves to the earliest evidence).
 * - Open, this observer already sees it DOWN: HAProxy's words are added; the poller adds nothing.
 */
export function decideDown(open: OpenDownFault | null, recent: RecentDownFault | null, o: DownObservation): DownDecision {
  const type = o.type ?? "BALANCER_REPORTED";
  if (!open && recent) {
    return {
      kind: "reopen",
      id: recent.id,
      patch: { type, cause: o.cause, flapCount: recent.flapCount + 1, flapping: o.flapping, downSources: [o.source], quietSince: null },
      event: { kind: "REOPENED", message: `Down again ${o.at.toISOString()}: ${o.cause}` },
    };
  }
  if (!open) return { kind: "open", type, cause: o.cause, startedAt: o.startedAt, detectedAt: o.at, downSources: [o.source] };
  if (open.downSources.length === 0) {
    return {
      kind: "update",
      id: open.id,
      patch: { type, cause: o.cause, flapCount: open.flapCount + 1, flapping: true, downSources: [o.source], quietSince: null },
      event: { kind: "FLAP", message: `Down again: ${o.cause}` },
    };
  }
  if (!open.downSources.includes(o.source)) {
    const patch: FaultPatch = { downSources: [...open.downSources, o.source], startedAt: earliest(open.startedAt, o.startedAt) };
    if (o.source === "POLLER" && o.type && GENERIC.includes(open.type)) patch.type = o.type;
    const event: Event = o.source === "POLLER" ? { kind: "NOTE", message: `Poller confirms DOWN: ${o.cause}` } : { kind: "BALANCER", message: o.cause };
    return { kind: "update", id: open.id, patch, event };
  }
  if (o.source === "BALANCER") return { kind: "update", id: open.id, patch: {}, event: { kind: "BALANCER", message: o.cause } };
  return { kind: "none" };
}

/**
 * An observer saw the instance serving again.
 * - It saw it DOWN and others still do: it leaves, the fault stays open (the timeline says who
 *   still sees it DOWN).
 * - It was the last one: resolved, unless the fault flaps (the poller's detector says so, or it
 *   has already been down again once) — then kept open, quiet since now, until stable.
 * - It never saw it DOWN: nothing changes; HAProxy's news is noted unless this is a state sweep.
 *   A fault no observer is recorded on (written before the evidence model) resolves as before.
 */
export function decideUp(open: OpenDownFault | null, o: UpObservation): UpDecision {
  if (!open) return { kind: "none" };
  const was = open.downSources.includes(o.source);
  const legacy = open.downSources.length === 0 && !open.flapping;
  if (!was && !legacy) {
    if (o.source === "BALANCER" && o.note) {
      const still = open.downSources.length ? ` (still DOWN per ${open.downSources.map((s) => OBSERVER_ACTOR[s]).join(", ")})` : "";
      return { kind: "update", id: open.id, patch: {}, event: { kind: "BALANCER", message: `${o.resolution}${still}` } };
    }
    return { kind: "none" };
  }
  const left = open.downSources.filter((s) => s !== o.source);
  if (left.length > 0) {
    const event: Event = {
      kind: o.source === "BALANCER" ? "BALANCER" : "NOTE",
      message: `${o.resolution} — still DOWN per ${left.map((s) => OBSERVER_ACTOR[s]).join(", ")}`,
    };
    return { kind: "update", id: open.id, patch: { downSources: left }, event };
  }
  if (o.flapping || open.flapping || open.flapCount > 0) {
    return {
      kind: "update",
      id: open.id,
      patch: { downSources: [], flapping: true, quietSince: o.at },
      event: { kind: "FLAP", message: `${o.resolution} — still flapping, kept open until stable` },
    };
  }
  // Never before the start, and the fault was never detected after it ended (a queued write).
  const resolvedAt = o.at.getTime() < open.startedAt.getTime() ? open.startedAt : o.at;
  return { kind: "resolve", id: open.id, resolvedAt, detectedAt: earliest(open.detectedAt, resolvedAt), resolution: o.resolution };
}
