import { describe, expect, it } from "vitest";
import type { ServerSnapshot } from "@/lib/balancer/haproxy/snapshot";
import { diffServer, SEEN_REFRESH_MS, type ObservedRow, type ServerEvent, type ServerMemory } from "@/lib/balancer/server-diff";

const NOW = new Date("2025-03-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

/** A server HAProxy serves at weight 100, checks passing. */
function server(over: Partial<ServerSnapshot> = {}): ServerSnapshot {
  return {
    backend: "shop",
    server: "a1",
    address: "127.0.0.1:28101",
    backup: false,
    status: "UP",
    weight: 100,
    adminState: "READY",
    serving: true,
    checkStatus: "L7OK",
    checkCode: "200",
    checkDetail: "",
    sessions: 2,
    selectedTotal: 120,
    responses5xx: 3,
    lastChangeSec: 4,
    ...over,
  };
}

/** The row of an instance whose stored observation matches `server()`, seen a second ago. */
function row(over: Partial<ObservedRow> = {}): ObservedRow {
  return {
    id: "i-1",
    name: "shop-a1",
    haproxyBackend: "shop",
    haproxyServer: "a1",
    desiredWeight: 100,
    desiredAdminState: "READY",
    observedWeight: 100,
    observedAdminState: "READY",
    observedHealth: "UP",
    haproxyStatus: "UP",
    haproxyCheck: "L7OK",
    haproxySeenAt: ago(1_000),
    drift: false,
    driftDetail: null,
    pool: { role: "ACTIVE", serviceId: "svc-1" },
    ...over,
  };
}

const memory = (over: Partial<ServerMemory> = {}): ServerMemory => ({
  wasDown: undefined,
  openBalancerFault: false,
  inMaintenance: false,
  mayReconcile: true,
  ...over,
});

/** Events in one word each, plus what matters about them. */
function show(e: ServerEvent): string {
  switch (e.kind) {
    case "mark-missing":
      return `mark-missing: ${e.detail}`;
    case "record-seen":
      return `record-seen${e.data.drift ? ` drift="${e.data.driftDetail}"${e.data.driftSince ? " since now" : ""}` : ""}`;
    case "remember-down":
      return e.isDown ? "remember down" : "remember up";
    case "haproxy-down":
      return `haproxy-down${e.inMaintenance ? " (maintenance)" : ""}`;
    case "haproxy-up":
      return e.note ? "haproxy-up" : "haproxy-up (no note)";
    default:
      return e.kind;
  }
}

interface Case {
  name: string;
  row?: Partial<ObservedRow>;
  server?: Partial<ServerSnapshot> | null;
  memory?: Partial<ServerMemory>;
  expect: string[];
}

const DOWN = { status: "DOWN", checkStatus: "L4CON", checkCode: "", checkDetail: "Connection refused", serving: false };

const cases: Case[] = [
  { name: "nothing changed, seen recently: traffic only", expect: ["traffic", "remember up"] },
  {
    name: "nothing changed but last seen 15 s ago: the observation is refreshed",
    row: { haproxySeenAt: ago(SEEN_REFRESH_MS) },
    expect: ["traffic", "record-seen", "remember up"],
  },
  { name: "HAProxy reports another weight than stored", row: { observedWeight: 50, desiredWeight: 100 }, expect: ["traffic", "record-seen", "remember up"] },
  {
    name: "HAProxy has no such server: drift is marked once and its traffic forgotten",
    server: null,
    expect: ["mark-missing: HAProxy has no server shop/a1 (removed, or lost on a reload; re-import the balancer)", "forget-traffic"],
  },
  {
    name: "still missing and already marked: only the traffic is forgotten",
    server: null,
    row: { drift: true, driftDetail: "HAProxy has no server shop/a1 (removed, or lost on a reload; re-import the balancer)" },
    expect: ["forget-traffic"],
  },
  {
    name: "HAProxy marks it down: a BALANCER fault is filed",
    server: DOWN,
    memory: { wasDown: false },
    row: { haproxyStatus: "DOWN" },
    expect: ["traffic", "record-seen", "remember down", "haproxy-down"],
  },
  {
    name: "… in a maintenance window: filed as such",
    server: DOWN,
    memory: { wasDown: false, inMaintenance: true },
    expect: ["traffic", "record-seen", "remember down", "haproxy-down (maintenance)"],
  },
  {
    name: "still down: nothing filed again",
    server: DOWN,
    memory: { wasDown: true },
    row: { haproxyStatus: "DOWN", haproxyCheck: "L4CON Connection refused" },
    expect: ["traffic", "remember down"],
  },
  {
    name: "after a restart, the stored DOWN status stands in for the memory",
    server: DOWN,
    row: { haproxyStatus: "DOWN", haproxyCheck: "L4CON Connection refused" },
    expect: ["traffic", "remember down"],
  },
  { name: "after a restart, a server stored UP and now down is an edge", server: DOWN, expect: ["traffic", "record-seen", "remember down", "haproxy-down"] },
  {
    name: "an operator's MAINT is not HAProxy marking it down",
    server: { ...DOWN, adminState: "MAINT" },
    row: { desiredAdminState: "MAINT" },
    memory: { wasDown: false },
    expect: ["traffic", "record-seen", "remember up"],
  },
  { name: "up again: the fault resolves with a note", memory: { wasDown: true }, expect: ["traffic", "remember up", "haproxy-up"] },
  {
    name: "draining counts as up again",
    server: { status: "DRAIN", adminState: "DRAIN" },
    row: { desiredAdminState: "DRAIN", observedAdminState: "DRAIN", haproxyStatus: "DRAIN" },
    memory: { wasDown: true },
    expect: ["traffic", "remember up", "haproxy-up"],
  },
  {
    name: "missed the up edge but a BALANCER fault is open: resolved without a note",
    memory: { wasDown: false, openBalancerFault: true },
    expect: ["traffic", "remember up", "haproxy-up (no note)"],
  },
  {
    name: "not down yet not serving (NOLB): no recovery",
    server: { status: "NOLB" },
    memory: { wasDown: true, openBalancerFault: true },
    expect: ["traffic", "record-seen", "remember up"],
  },
  {
    name: "a new drift is recorded with its start and reconciled",
    server: { weight: 50 },
    expect: ["traffic", 'record-seen drift="weight: wanted 100, HAProxy has 50" since now', "remember up", "reconcile"],
  },
  {
    name: "a known drift is not rewritten, and not retried within the retry delay",
    server: { weight: 50 },
    row: { observedWeight: 50, drift: true, driftDetail: "weight: wanted 100, HAProxy has 50" },
    memory: { mayReconcile: false },
    expect: ["traffic", "remember up"],
  },
  {
    name: "a failed re-apply's message is kept while the drift lasts",
    server: { weight: 50 },
    row: { observedWeight: 50, drift: true, driftDetail: "re-apply failed: connection refused", haproxySeenAt: ago(SEEN_REFRESH_MS) },
    expect: ["traffic", 'record-seen drift="re-apply failed: connection refused"', "remember up", "reconcile"],
  },
  {
    name: "a drift that ended is cleared",
    row: { drift: true, driftDetail: "weight: wanted 100, HAProxy has 50" },
    expect: ["traffic", "record-seen", "remember up"],
  },
];

describe("diffServer: a stored row and HAProxy's server in, the observer's writes out", () => {
  it.each(cases)("$name", (c) => {
    const s = c.server === null ? undefined : server(c.server);
    expect(diffServer(row(c.row), s, memory(c.memory), NOW).map(show)).toEqual(c.expect);
  });

  it("records what HAProxy reports, with the time seen", () => {
    const events = diffServer(row({ haproxySeenAt: null }), server({ ...DOWN, weight: 10 }), memory({ wasDown: true }), NOW);
    const seen = events.find((e) => e.kind === "record-seen");
    expect(seen?.kind === "record-seen" && seen.data).toMatchObject({
      observedWeight: 10,
      observedAdminState: "READY",
      haproxyStatus: "DOWN",
      haproxyCheck: "L4CON Connection refused",
      haproxySeenAt: NOW,
      drift: true,
    });
    expect(events.find((e) => e.kind === "traffic")).toEqual({ kind: "traffic", sample: { selected: 120, errors: 3, sessions: 2, weight: 10 } });
  });
});
