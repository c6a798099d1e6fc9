import { z } from "zod";

/**
 * Chaos for one simulated instance, as a pure core: given the chaos set, the kind of request and
 * the time (plus a random source), decide what the instance answers. The I/O lives in
 * instance-server.ts; keeping this pure lets tests feed it clocks and dice.
 */

const ChaosMode = z.enum(["up", "down", "slow", "refuse", "flap", "error", "unhealthy"]);
type ChaosMode = z.infer<typeof ChaosMode>;

const DEFAULT_LATENCY_MS = 1500;
const DEFAULT_PERIOD_MS = 4000;
const DEFAULT_ERROR_RATE = 0.5;

/** What a client may ask for (control API body, `setChaos`); options that don't apply to the mode are ignored. */
export const ChaosRequest = z.strictObject({
  mode: ChaosMode,
  // Bounded so a typo cannot park connections for hours or flap faster than anything can observe.
  latencyMs: z.int().min(0).max(120_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  periodMs: z.int().min(100).max(3_600_000).optional(),
});
export type ChaosRequest = z.infer<typeof ChaosRequest>;

/** Chaos in force on an instance, defaults applied; `since` (ms epoch) anchors the flap phase. */
export interface Chaos {
  mode: ChaosMode;
  latencyMs: number;
  errorRate: number;
  periodMs: number;
  since: number;
}

/** `/healthz` is what load balancers check; everything else is traffic. */
export type Route = "health" | "traffic";

/** `degraded`: a 200 whose health body says `"status":"degraded"` (a JSON body check fails, a status check passes). */
export type Answer = { kind: "refuse" } | { kind: "respond"; status: 200 | 500 | 503; delayMs: number; degraded?: boolean };

/** Chaos "up" as of `now`: the state every instance starts in and returns to on reset. */
export function upSince(now: number): Chaos {
  return resolveChaos({ mode: "up" }, now);
}

/** Applies defaults to a validated request, starting its clock at `now`. */
export function resolveChaos(request: ChaosRequest, now: number): Chaos {
  return {
    mode: request.mode,
    latencyMs: request.latencyMs ?? DEFAULT_LATENCY_MS,
    errorRate: request.errorRate ?? DEFAULT_ERROR_RATE,
    periodMs: request.periodMs ?? DEFAULT_PERIOD_MS,
    since: now,
  };
}

/** Whether the instance's port should accept connections at all under this chaos. */
export function isListening(chaos: Chaos): boolean {
  return chaos.mode !== "refuse";
}

/**
 * Whether a flapping instance is down at `now`. Periods count from `since`; the first period is
 * down so the fault shows as soon as it is set, then up, down, … every `periodMs`.
 */
export function flapIsDown(chaos: Chaos, now: number): boolean {
  const elapsed = Math.max(0, now - chaos.since);
  return Math.floor(elapsed / chaos.periodMs) % 2 === 0;
}

/**
 * Decides the answer to one request. `random` returns [0, 1) like Math.random; it is called
 * once per traffic request in "error" mode (and never otherwise) so tests can script it.
 */
export function answerFor(chaos: Chaos, route: Route, now: number, random: () => number): Answer {
  switch (chaos.mode) {
    case "up":
      return ok(0);
    case "down":
      return { kind: "respond", status: 503, delayMs: 0 };
    case "slow":
      return ok(chaos.latencyMs);
    case "refuse":
      return { kind: "refuse" };
    case "flap":
      return flapIsDown(chaos, now) ? { kind: "respond", status: 503, delayMs: 0 } : ok(0);
    case "error":
      // Health checks stay green: this mode models a service that passes checks but fails users.
      if (route === "health") return ok(0);
      return random() < chaos.errorRate ? { kind: "respond", status: 500, delayMs: 0 } : ok(0);
    case "unhealthy":
      // The app reports itself unhealthy in its health body but answers 200 and serves traffic:
      // only a check that reads the body sees it.
      return route === "health" ? { kind: "respond", status: 200, delayMs: 0, degraded: true } : ok(0);
  }
}

function ok(delayMs: number): Answer {
  return { kind: "respond", status: 200, delayMs };
}
