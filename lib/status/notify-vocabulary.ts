import type { ChannelKind as DbChannelKind, DeliveryStatus as DbDeliveryStatus, NotifyEvent as DbNotifyEvent } from "@/lib/generated/prisma/enums";

/**
 * The notification vocabulary, spelled once and checked against the Prisma enums both ways (see
 * vocabulary.ts). Zod-free and type-only on Prisma: browser code may import it.
 */
/** @public */
export const CHANNEL_KINDS = ["WEBHOOK", "SLACK", "EMAIL", "PAGERDUTY"] as const satisfies readonly DbChannelKind[];
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** @public The events a route can choose. */
export const ROUTE_EVENTS = [
  "FAULT_OPENED",
  "FAULT_ACKNOWLEDGED",
  "FAULT_RESOLVED",
  "FAULT_REOPENED",
  "FAULT_FLAPPING",
  "FAILOVER_STARTED",
  "FAILOVER_VERIFIED",
  "FAILOVER_FAILED",
  "FAILOVER_ROLLED_BACK",
  "DRIFT_PERSISTS",
  "BALANCER_UNREACHABLE",
] as const satisfies readonly DbNotifyEvent[];
export type RouteEvent = (typeof ROUTE_EVENTS)[number];

/** @public Every event a delivery can carry: the route events and the dispatcher's own. */
export const NOTIFY_EVENTS = [...ROUTE_EVENTS, "ESCALATION", "DIGEST", "TEST"] as const satisfies readonly DbNotifyEvent[];
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** @public */
export const DELIVERY_STATUSES = ["PENDING", "SENDING", "DELIVERED", "DEAD", "SUPPRESSED"] as const satisfies readonly DbDeliveryStatus[];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

type Exhaustive<Db, Ours> = [Exclude<Db, Ours>] extends [never] ? true : never;
const matchesSchema: [Exhaustive<DbChannelKind, ChannelKind>, Exhaustive<DbNotifyEvent, NotifyEvent>, Exhaustive<DbDeliveryStatus, DeliveryStatus>] = [
  true,
  true,
  true,
];
void matchesSchema;
