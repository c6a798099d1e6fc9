/**
 * The inventory's request schemas: one set for the console, the API (and the fleet file later).
 * Every field error names its path, so a 400 says which field is wrong.
 */
import { z } from "zod";
import { RequiredReason } from "@/lib/audit/reason";
import { MAX_WEIGHT } from "@/lib/balancer/haproxy/commands";
import { CheckFields, CheckInput } from "@/lib/checks/check-input";
import { CHECK_FIELDS } from "@/lib/checks/check-inherit";
import { parseAddress } from "@/lib/probes/address";
import { InstancePatch } from "@/lib/services/update-instance";

/** Names are what operators type, see and search: short, no surrounding spaces, no control characters. */
export const InventoryName = z
  .string({ error: "must be a name" })
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' and '-' only, starting with a letter or digit");

/** `host:port`, IPv6 hosts in brackets (`[::1]:8080`), port 1–65535. */
export const Address = z
  .string({ error: "must be host:port" })
  .trim()
  .max(300)
  .refine((a) => parseAddress(a) !== null, "must be host:port (IPv6 in brackets, e.g. [::1]:8080), port 1–65535");

const Tags = z.array(z.string().trim().min(1).max(50)).max(20);
const SloTarget = z.number({ error: "must be a percentage" }).min(50, "must be 50–99.999").max(99.999, "must be 50–99.999");

export const ServiceCreate = z.strictObject({
  name: InventoryName,
  description: z.string().trim().max(500).optional(),
  owner: z.string().trim().max(100).optional(),
  tags: Tags.optional(),
  sloTargetPct: SloTarget.optional(),
  /** Check fields its instances inherit unless they set their own; `null`: none (built-in defaults). */
  checkDefaults: CheckFields.nullable().optional(),
  reason: RequiredReason,
});
export type ServiceCreate = z.infer<typeof ServiceCreate>;

export const ServiceEdit = ServiceCreate.partial({ name: true }).refine((p) => Object.keys(p).some((k) => k !== "reason"), {
  message: "give at least one field to change",
  path: ["name"],
});
export type ServiceEdit = z.infer<typeof ServiceEdit>;

export const PoolCreate = z.strictObject({
  name: InventoryName,
  role: z.enum(["ACTIVE", "STANDBY"], { error: "must be ACTIVE or STANDBY" }),
  priority: z.int().min(0).max(1000).optional(),
  reason: RequiredReason,
});
export type PoolCreate = z.infer<typeof PoolCreate>;

export const InstanceCreate = z.strictObject({
  name: InventoryName,
  address: Address,
  enabled: z.boolean().optional(),
  weight: z.int().min(0, "must be 0–256").max(MAX_WEIGHT, "must be 0–256").optional(),
  /** The instance's own check fields; the others are inherited from the service's checkDefaults. */
  check: CheckFields.optional(),
  reason: RequiredReason,
});
export type InstanceCreate = z.infer<typeof InstanceCreate>;

/**
 * Many instances at once: pasted `host:port` lines (blank lines and `#` comments ignored), named
 * `<pool>-<n>` with the next free numbers, all with the same check — one transaction.
 */
export const InstanceBulkCreate = z.strictObject({
  addresses: z
    .string({ error: "must be host:port lines" })
    .max(100_000)
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, "").trim())
        .filter(Boolean),
    )
    .pipe(z.array(Address).min(1, "give at least one host:port line").max(500, "at most 500 lines at once")),
  check: CheckFields.optional(),
  reason: RequiredReason,
});
export type InstanceBulkCreate = z.infer<typeof InstanceBulkCreate>;

/** Inventory edits of an instance (not its balancer state: weight and drain go through HAProxy). */
export const InstanceEdit = z.strictObject({
  name: InventoryName.optional(),
  address: Address.optional(),
  enabled: z.boolean().optional(),
  /** Check fields the instance sets itself, merged into the ones it has (fields left out keep theirs). */
  check: CheckFields.optional(),
  /** Own check fields that go back to the service's checkDefaults (or the built-in default). */
  checkInherit: z
    .array(z.enum(CHECK_FIELDS, { error: "must name check fields" }))
    .max(CHECK_FIELDS.length)
    .optional(),
  reason: RequiredReason,
});
export type InstanceEdit = z.infer<typeof InstanceEdit>;

/** Run a check once, before saving it. */
export const CheckTest = z.strictObject({ address: Address, check: CheckInput });
export type CheckTest = z.infer<typeof CheckTest>;

/** Deleting asks why, like every change. */
export const RemoveBody = z.strictObject({ reason: RequiredReason });

const BALANCER_KEYS = ["weight", "adminState"] as const;
const INVENTORY_KEYS = ["name", "address", "enabled", "check", "checkInherit"] as const;

/**
 * PATCH /api/v1/instances/:id: either a balancer change (weight/adminState, applied to HAProxy) or
 * an inventory edit (name/address/enabled/check) — two different writers, so one kind per request.
 */
export const InstanceChange = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const balancer = BALANCER_KEYS.some((k) => k in body);
  const inventory = INVENTORY_KEYS.find((k) => k in body);
  if (balancer && inventory) {
    ctx.addIssue({
      code: "custom",
      path: [inventory],
      message: "send balancer changes (weight, adminState) and inventory edits (name, address, enabled, check) in separate requests",
    });
    return z.NEVER;
  }
  // The schema the keys ask for decides, so its issues (with their paths) are the answer.
  if (inventory) {
    const r = InstanceEdit.safeParse(body);
    if (r.success) return { kind: "inventory" as const, edit: r.data };
    for (const issue of r.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  } else {
    const r = InstancePatch.safeParse(body);
    if (r.success) return { kind: "balancer" as const, patch: r.data };
    for (const issue of r.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
  return z.NEVER;
});
