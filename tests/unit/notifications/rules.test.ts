import { describe, expect, it } from "vitest";
import {
  afterFailure,
  escalationDue,
  planDeliveries,
  retryDelayMs,
  routeTakes,
  sendDecision,
  type EventFacts,
  type RouteRule,
} from "@/lib/notifications/rules";

const route = (over: Partial<RouteRule> = {}): RouteRule => ({
  id: "r1",
  channelId: "c1",
  serviceId: null,
  minSeverity: "SEV4",
  faultTypes: [],
  events: ["FAULT_OPENED", "FAULT_RESOLVED", "FAULT_FLAPPING"],
  ...over,
});
const at = new Date("2026-12-04T10:00:00Z");
const facts = (over: Partial<EventFacts> = {}, fault: Partial<NonNullable<EventFacts["fault"]>> = {}): EventFacts => ({
  eventId: 7n,
  event: "FAULT_OPENED",
  at,
  serviceId: "s1",
  fault: { id: "f1", type: "TIMEOUT", severity: "SEV3", instanceId: null, parentNumber: null, ...fault },
  inMaintenance: false,
  ...over,
});

describe("routeTakes", () => {
  it("matches event, service, severity at least as severe, and listed types", () => {
    expect(routeTakes(route(), facts())).toBe(true);
    expect(routeTakes(route({ events: ["FAULT_RESOLVED"] }), facts())).toBe(false);
    expect(routeTakes(route({ serviceId: "s2" }), facts())).toBe(false);
    expect(routeTakes(route({ serviceId: "s1" }), facts())).toBe(true);
    expect(routeTakes(route({ minSeverity: "SEV2" }), facts())).toBe(false);
    expect(routeTakes(route({ minSeverity: "SEV3" }), facts())).toBe(true);
    expect(routeTakes(route({ minSeverity: "SEV1" }), facts({}, { severity: "SEV1" }))).toBe(true);
    expect(routeTakes(route({ faultTypes: ["DNS"] }), facts())).toBe(false);
    expect(routeTakes(route({ faultTypes: ["DNS", "TIMEOUT"] }), facts())).toBe(true);
  });

  it("does not filter failover or balancer events by a fault's severity", () => {
    const r = route({ events: ["FAILOVER_FAILED", "BALANCER_UNREACHABLE"], minSeverity: "SEV1" });
    expect(routeTakes(r, facts({ event: "FAILOVER_FAILED", fault: null }))).toBe(true);
    expect(routeTakes(r, facts({ event: "BALANCER_UNREACHABLE", serviceId: null, fault: null }))).toBe(true);
    expect(routeTakes({ ...r, serviceId: "s1" }, facts({ event: "BALANCER_UNREACHABLE", serviceId: null, fault: null }))).toBe(false);
  });
});

describe("planDeliveries", () => {
  it("delays an instance fault's opening by the group wait, not a service fault's", () => {
    const [inst] = planDeliveries(facts({}, { instanceId: "i1" }), [route()], { groupWaitMs: 10_000 });
    expect(inst!.notBefore.getTime() - at.getTime()).toBe(10_000);
    const [svc] = planDeliveries(facts(), [route()], { groupWaitMs: 10_000 });
    expect(svc!.notBefore).toEqual(at);
    expect(svc).toMatchObject({ status: "PENDING", idempotencyKey: "ev:7:r1", channelId: "c1" });
  });

  it("waits the group wait for an instance's reopening too, and leaves closing events to the send-time check", () => {
    const [re] = planDeliveries(facts({ event: "FAULT_REOPENED" }, { instanceId: "i1" }), [route({ events: ["FAULT_REOPENED"] })], { groupWaitMs: 5_000 });
    expect(re!.notBefore.getTime() - at.getTime()).toBe(5_000);
    const [res] = planDeliveries(facts({ event: "FAULT_RESOLVED", inMaintenance: true }, { instanceId: "i1", parentNumber: 9 }), [route()], {
      groupWaitMs: 5_000,
    });
    expect(res).toMatchObject({ status: "PENDING", note: null, notBefore: at });
  });

  it("suppresses a grouped child and a fault under maintenance, saying why", () => {
    expect(planDeliveries(facts({}, { instanceId: "i1", parentNumber: 1002 }), [route()], { groupWaitMs: 0 })[0]).toMatchObject({
      status: "SUPPRESSED",
      note: "grouped under the service fault F-1002",
    });
    expect(planDeliveries(facts({ inMaintenance: true }), [route()], { groupWaitMs: 0 })[0]).toMatchObject({
      status: "SUPPRESSED",
      note: "muted by a maintenance window",
    });
  });

  it("keys flapping once per fault and route, so later flaps add nothing", () => {
    const a = planDeliveries(facts({ event: "FAULT_FLAPPING", eventId: 8n }), [route()], { groupWaitMs: 0 });
    const b = planDeliveries(facts({ event: "FAULT_FLAPPING", eventId: 9n }), [route()], { groupWaitMs: 0 });
    const c = planDeliveries(facts({ event: "FAULT_REOPENED", eventId: 10n }), [route({ events: ["FAULT_REOPENED"] })], { groupWaitMs: 0 });
    expect(a[0]!.idempotencyKey).toBe("again:f1:r1");
    expect(c[0]!.idempotencyKey).toBe("again:f1:r1");
    expect(b[0]!.idempotencyKey).toBe(a[0]!.idempotencyKey);
  });
});

describe("sendDecision", () => {
  const fault = (over = {}) => ({ status: "OPEN" as const, instanceId: "i1", coveredBy: null, ...over });
  it("holds back an instance opening grouped or resolved during the group wait", () => {
    expect(sendDecision({ event: "FAULT_OPENED", fault: fault({ coveredBy: 1005 }), announced: false })).toEqual({
      send: false,
      note: "covered by the service fault F-1005",
    });
    expect(sendDecision({ event: "FAULT_OPENED", fault: fault({ status: "RESOLVED" }), announced: false })).toEqual({
      send: false,
      note: "resolved within the group wait",
    });
    expect(sendDecision({ event: "FAULT_OPENED", fault: fault(), announced: false })).toEqual({ send: true });
  });
  it("holds back an instance's reopening or flapping covered by a service fault", () => {
    expect(sendDecision({ event: "FAULT_REOPENED", fault: fault({ coveredBy: 7 }), announced: true }).send).toBe(false);
    expect(sendDecision({ event: "FAULT_FLAPPING", fault: fault(), announced: true }).send).toBe(true);
  });
  it("sends a resolution only where the opening went out — also once the fault was grouped since", () => {
    expect(sendDecision({ event: "FAULT_RESOLVED", fault: fault({ status: "RESOLVED", coveredBy: 1005 }), announced: true }).send).toBe(true);
    expect(sendDecision({ event: "FAULT_RESOLVED", fault: fault({ status: "RESOLVED" }), announced: false }).send).toBe(false);
    expect(sendDecision({ event: "FAULT_RESOLVED", fault: fault({ status: "RESOLVED" }), announced: true }).send).toBe(true);
  });
  it("stops escalating once acknowledged", () => {
    expect(sendDecision({ event: "ESCALATION", fault: fault({ instanceId: null }), announced: true }).send).toBe(true);
    expect(sendDecision({ event: "ESCALATION", fault: fault({ instanceId: null, status: "ACKNOWLEDGED" }), announced: true })).toEqual({
      send: false,
      note: "acknowledged: escalation stopped",
    });
  });
});

describe("timing", () => {
  it("escalates after N, then every M, only the latest", () => {
    const t0 = new Date(0);
    expect(escalationDue(t0, 60, null, new Date(59_000))).toBeNull();
    expect(escalationDue(t0, 60, null, new Date(600_000))).toBe(1);
    expect(escalationDue(t0, 60, 30, new Date(60_000))).toBe(1);
    expect(escalationDue(t0, 60, 30, new Date(95_000))).toBe(2);
    expect(escalationDue(t0, 60, 30, new Date(200_000))).toBe(5);
  });
  it("backs off exponentially with jitter, capped", () => {
    expect(retryDelayMs(1, 1000, 60_000, 0)).toBe(500);
    expect(retryDelayMs(1, 1000, 60_000, 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, 60_000, 1)).toBe(8000);
    expect(retryDelayMs(20, 1000, 60_000, 1)).toBe(60_000);
  });
  it("gives up on a refusal at once, on anything else at the give-up age", () => {
    expect(afterFailure(404, 0, 1000)).toBe("dead");
    expect(afterFailure(429, 0, 1000)).toBe("retry");
    expect(afterFailure(500, 999, 1000)).toBe("retry");
    expect(afterFailure(null, 1000, 1000)).toBe("dead");
  });
});
