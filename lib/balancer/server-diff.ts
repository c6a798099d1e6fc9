/**
 * The balancer observer's pure core: one instance's stored row and what HAProxy reports for its
 * server now, in; the writes that calls for, out. No I/O and no clock (`now` is passed in);
 * `lib/balancer/observer-writer.ts` performs the events in order.
 */
import type { AdminState, Health, PoolRole } from "@/lib/status/vocabulary";
import { observedData } from "./apply-desired";
import { describeDrift } from "./drift";
import { isMarkedDown, type ServerSnapshot } from "./haproxy/snapshot";

/** Observed columns are rewritten when they change, and at least this often (freshness). */
export const SEEN_REFRESH_MS = 15_000;

/** What the observer reads of an instance placed on a balancer. */
export interface ObservedRow {
  id: string;
  name: string;
  haproxyBackend: string | null;
  haproxyServer: string | null;
  desiredWeight: number;
  desiredAdminState: AdminState;
  observedWeight: number | null;
  observedAdminState: AdminState | null;
  observedHealth: Health;
  haproxyStatus: string | null;
  haproxyCheck: string | null;
  haproxySeenAt: Date | null;
  drift: boolean;
  driftDetail: string | null;
  pool: { role: PoolRole; serviceId: string };
}

/** The instance columns written from what HAProxy reports; `driftSince: undefined` keeps the stored one. */
type SeenData = Omit<ReturnType<typeof observedData>, "drift" | "driftDetail" | "driftSince"> & {
  drift: boolean;
  driftDetail: string | null;
  driftSince: Date | null | undefined;
};

export type ServerEvent =
  /** HAProxy has no such server: mark the instance drifted with `detail`. */
  | { kind: "mark-missing"; detail: string }
  /** The server is gone from the traffic figures (its counters start over if it comes back). */
  | { kind: "forget-traffic" }
  /** Feed HAProxy's cumulative counters to the traffic rollup. */
  | { kind: "traffic"; sample: { selected: number; errors: number; sessions: number; weight: number } }
  /** Store what HAProxy reports (and the drift verdict) on the instance row. */
  | { kind: "record-seen"; data: SeenData }
  /** Remember whether HAProxy has the server down (the next pass compares with it). */
  | { kind: "remember-down"; isDown: boolean }
  /** HAProxy just marked the server down: file or extend the BALANCER fault. */
  | { kind: "haproxy-down"; server: ServerSnapshot; inMaintenance: boolean }
  /** HAProxy serves it again: HAProxy leaves the DOWN fault's evidence (`note: false` when the edge was missed). */
  | { kind: "haproxy-up"; server: ServerSnapshot; note: boolean }
  /** Desired and actual differ: re-apply (or adopt) the desired state. */
  | { kind: "reconcile" };

export interface ServerMemory {
  /** Whether HAProxy had the server down at the last pass; undefined after a restart. */
  wasDown: boolean | undefined;
  /** An unresolved fault of the instance has HAProxy among the observers that see it DOWN. */
  openBalancerFault: boolean;
  inMaintenance: boolean;
  /** A drift may be re-applied now (no failed attempt within the retry delay). */
  mayReconcile: boolean;
}

const serving = (s: ServerSnapshot) => s.status.startsWith("UP") || s.status === "DRAIN";

/**
 * Compares an instance's row with HAProxy's server `s` (undefined: HAProxy has no such server).
 * Returns the events, in the order they must be written (the down memory is updated after the
 * observed columns are stored and before the fault is filed, as it always was). A down edge is taken from
 * memory, or from the stored status after a restart; a recovery whose edge was missed (maintenance
 * in between, a restart) is resolved from the open fault instead.
 */
export function diffServer(i: ObservedRow, s: ServerSnapshot | undefined, m: ServerMemory, now: Date): ServerEvent[] {
  if (!s) {
    const detail = `HAProxy has no server ${i.haproxyBackend}/${i.haproxyServer} (removed, or lost on a reload; re-import the balancer)`;
    const events: ServerEvent[] = !i.drift || i.driftDetail !== detail ? [{ kind: "mark-missing", detail }] : [];
    events.push({ kind: "forget-traffic" });
    return events;
  }
  const events: ServerEvent[] = [{ kind: "traffic", sample: { selected: s.selectedTotal, errors: s.responses5xx, sessions: s.sessions, weight: s.weight } }];
  const seen = observedData(s, now);
  const changed =
    i.observedWeight !== seen.observedWeight ||
    i.observedAdminState !== seen.observedAdminState ||
    i.haproxyStatus !== seen.haproxyStatus ||
    i.haproxyCheck !== seen.haproxyCheck ||
    !i.haproxySeenAt ||
    now.getTime() - i.haproxySeenAt.getTime() >= SEEN_REFRESH_MS;
  const drift = describeDrift({ weight: i.desiredWeight, adminState: i.desiredAdminState }, s);
  // A failed re-apply's message is kept (it says more than the drift itself) until the drift ends.
  const reapplyFailed = i.driftDetail?.startsWith("re-apply failed") ?? false;
  // What HAProxy reports is recorded even while it drifts (the UI shows both sides).
  if (changed || Boolean(drift) !== i.drift || (drift && drift !== i.driftDetail && !reapplyFailed)) {
    events.push({
      kind: "record-seen",
      data: drift ? { ...seen, drift: true, driftDetail: reapplyFailed ? i.driftDetail : drift, driftSince: i.drift ? undefined : now } : seen,
    });
  }
  const wasDown = m.wasDown ?? i.haproxyStatus?.startsWith("DOWN") ?? false;
  const isDown = isMarkedDown(s);
  events.push({ kind: "remember-down", isDown });
  if (isDown && !wasDown) events.push({ kind: "haproxy-down", server: s, inMaintenance: m.inMaintenance });
  if (!isDown && wasDown && serving(s)) events.push({ kind: "haproxy-up", server: s, note: true });
  else if (!isDown && serving(s) && m.openBalancerFault) events.push({ kind: "haproxy-up", server: s, note: false });
  if (drift && m.mayReconcile) events.push({ kind: "reconcile" });
  return events;
}
