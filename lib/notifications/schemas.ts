import { z } from "zod";
import { Reason } from "@/lib/audit/reason";
import { FAULT_TYPES, SEVERITIES } from "@/lib/faults/enums";
import { INT8_MAX, numericCursor } from "@/lib/http/fields";
import { CHANNEL_KINDS, DELIVERY_STATUSES, ROUTE_EVENTS } from "@/lib/status/notify-vocabulary";

/** Request schemas of the notification API (channels, routes, deliveries). Bodies are strict. */

const HttpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).max(2000);
const Name = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lowercase letters, digits, '.', '_' or '-' (max 63)");

/** Per kind: the settings shown as they are, and the secrets (sealed at rest, never shown). */
export const CHANNEL_SHAPES = {
  WEBHOOK: {
    settings: z.strictObject({}),
    secrets: z.strictObject({
      url: HttpUrl,
      /** HMAC-SHA256 key the receiver verifies `x-faultline-signature` with. */
      signingSecret: z.string().min(16, "at least 16 characters").max(200),
    }),
  },
  SLACK: {
    settings: z.strictObject({}),
    secrets: z.strictObject({ url: HttpUrl }),
  },
  EMAIL: {
    settings: z.strictObject({
      host: z.string().trim().min(1).max(255),
      port: z.int().min(1).max(65535).default(587),
      /** TLS: implicit TLS (465); STARTTLS: upgrade required (587); NONE: plain (loopback relays only). */
      security: z.enum(["TLS", "STARTTLS", "NONE"]).default("STARTTLS"),
      username: z.string().max(255).optional(),
      from: z.email(),
      to: z.array(z.email()).min(1, "at least one recipient").max(50),
      /** Accept a self-signed server certificate (a private relay). */
      allowSelfSigned: z.boolean().default(false),
    }),
    secrets: z.strictObject({ password: z.string().max(500).optional() }),
  },
  PAGERDUTY: {
    settings: z.strictObject({ apiUrl: HttpUrl.default("https://events.pagerduty.com/v2/enqueue") }),
    secrets: z.strictObject({ routingKey: z.string().trim().min(1).max(200) }),
  },
} as const;

const common = {
  name: Name,
  enabled: z.boolean().default(true),
  ratePerMinute: z.int().min(1).max(10_000).default(20),
  timeoutMs: z.int().min(100).max(60_000).default(5_000),
  reason: Reason,
};

const S = CHANNEL_SHAPES;
const variants = [
  z.strictObject({ kind: z.literal("WEBHOOK"), ...common, settings: S.WEBHOOK.settings.prefault({}), secrets: S.WEBHOOK.secrets }),
  z.strictObject({ kind: z.literal("SLACK"), ...common, settings: S.SLACK.settings.prefault({}), secrets: S.SLACK.secrets }),
  z.strictObject({ kind: z.literal("EMAIL"), ...common, settings: S.EMAIL.settings, secrets: S.EMAIL.secrets.prefault({}) }),
  z.strictObject({ kind: z.literal("PAGERDUTY"), ...common, settings: S.PAGERDUTY.settings.prefault({}), secrets: S.PAGERDUTY.secrets }),
] as const;

export const CreateChannelInput = z.discriminatedUnion("kind", variants, {
  error: `kind: one of ${CHANNEL_KINDS.join(", ")}`,
});
export type CreateChannelInput = z.infer<typeof CreateChannelInput>;

/** Settings are replaced whole (validated for the channel's kind); secrets merge — an omitted one is kept. */
export const UpdateChannelInput = z
  .strictObject({
    name: Name.optional(),
    enabled: z.boolean().optional(),
    ratePerMinute: z.int().min(1).max(10_000).optional(),
    timeoutMs: z.int().min(100).max(60_000).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional(),
    reason: Reason,
  })
  .refine((p) => Object.entries(p).some(([k, v]) => k !== "reason" && v !== undefined), { message: "nothing to change", path: ["name"] });
export type UpdateChannelInput = z.infer<typeof UpdateChannelInput>;

export const ReasonOnly = z.strictObject({ reason: Reason }).default({});

const routeFields = {
  name: Name,
  channelId: z.uuid(),
  /** Omit (or null) for every service. */
  serviceId: z.uuid().nullable().default(null),
  minSeverity: z.enum(SEVERITIES).default("SEV4"),
  faultTypes: z.array(z.enum(FAULT_TYPES)).max(FAULT_TYPES.length).default([]),
  events: z.array(z.enum(ROUTE_EVENTS)).min(1, "choose at least one event").max(ROUTE_EVENTS.length),
  escalateAfterSeconds: z
    .int()
    .min(1)
    .max(7 * 86_400)
    .nullable()
    .default(null),
  escalateChannelId: z.uuid().nullable().default(null),
  repeatEverySeconds: z
    .int()
    .min(1)
    .max(7 * 86_400)
    .nullable()
    .default(null),
  enabled: z.boolean().default(true),
};

export const CreateRouteInput = z
  .strictObject({ ...routeFields, reason: Reason })
  .refine((r) => r.escalateAfterSeconds !== null || (r.escalateChannelId === null && r.repeatEverySeconds === null), {
    message: "set escalateAfterSeconds to escalate",
    path: ["escalateAfterSeconds"],
  });
export type CreateRouteInput = z.infer<typeof CreateRouteInput>;

export const UpdateRouteInput = z
  .strictObject({
    name: Name.optional(),
    channelId: z.uuid().optional(),
    serviceId: z.uuid().nullable().optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
    faultTypes: routeFields.faultTypes.removeDefault().optional(),
    events: routeFields.events.optional(),
    escalateAfterSeconds: z
      .int()
      .min(1)
      .max(7 * 86_400)
      .nullable()
      .optional(),
    escalateChannelId: z.uuid().nullable().optional(),
    repeatEverySeconds: z
      .int()
      .min(1)
      .max(7 * 86_400)
      .nullable()
      .optional(),
    enabled: z.boolean().optional(),
    reason: Reason,
  })
  .refine((p) => Object.entries(p).some(([k, v]) => k !== "reason" && v !== undefined), { message: "nothing to change", path: ["name"] });
export type UpdateRouteInput = z.infer<typeof UpdateRouteInput>;

export const DeliveryListQuery = z.strictObject({
  channelId: z.uuid().optional(),
  faultId: z.uuid().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: numericCursor(INT8_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;
