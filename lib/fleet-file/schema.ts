/**
 * The fleet file (`faultline.yaml`): services → pools → instances with their health checks, under
 * version control. The same field schemas as the console and the API (lib/inventory, lib/checks).
 */
import { z } from "zod";
import { CheckFields } from "@/lib/checks/check-input";
import { HAPROXY_NAME, MAX_WEIGHT } from "@/lib/balancer/haproxy/commands";
import { PolicyPatch } from "@/lib/services/update-policy";
import { linkKey } from "./plan";
import { Address, InventoryName } from "@/lib/inventory/schemas";

export const FLEET_FILE_VERSION = 1;

const HaproxyName = z.string().regex(HAPROXY_NAME, "letters, digits and -_.: only (a HAProxy name)");

/** Which HAProxy server this instance is: Faultline drives its weight and drain there. */
const FileLink = z.strictObject({
  /** A balancer connected in Settings → Balancers (its Runtime API address stays there). */
  balancer: z.string().trim().min(1).max(100),
  backend: HaproxyName,
  server: HaproxyName,
});

const FileInstance = z.strictObject({
  name: InventoryName,
  address: Address,
  enabled: z.boolean().default(true),
  /** The desired weight; left out, an existing instance keeps its own (operators move weights in incidents), a new one gets 100. */
  weight: z.int().min(0, "must be 0–256").max(MAX_WEIGHT, "must be 0–256").optional(),
  /** The instance's own check fields; the others come from the service's checkDefaults. */
  check: CheckFields.optional(),
  /** Left out: not linked to a balancer (an apply unlinks it). */
  haproxy: FileLink.optional(),
});

const FilePool = z.strictObject({
  name: InventoryName,
  role: z.enum(["ACTIVE", "STANDBY"], { error: "must be ACTIVE or STANDBY" }),
  priority: z.int().min(0).max(1000).default(0),
  // `instances:` with nothing under it is an empty list, as a reader would take it.
  instances: z
    .array(FileInstance)
    .nullish()
    .transform((v) => v ?? []),
});

const FileService = z.strictObject({
  name: InventoryName,
  owner: z.string().trim().max(100).default(""),
  description: z.string().trim().max(500).default(""),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  sloTargetPct: z.number().min(50, "must be 50–99.999").max(99.999, "must be 50–99.999").default(99.9),
  /** Check fields every instance of the service inherits unless it sets its own. */
  checkDefaults: CheckFields.optional(),
  /** Automatic drain/failover; fields left out are the defaults (nothing automatic). */
  policy: PolicyPatch.omit({ reason: true }).optional(),
  pools: z
    .array(FilePool)
    .nullish()
    .transform((v) => v ?? []),
});

export const FleetFile = z
  .strictObject({
    version: z.literal(FLEET_FILE_VERSION, { error: `must be ${FLEET_FILE_VERSION}` }),
    services: z
      .array(FileService)
      .nullish()
      .transform((v) => v ?? []),
  })
  .superRefine((f, ctx) => {
    // Names are unique: services and instances everywhere, pools within their service.
    const seen = new Map<string, string>();
    f.services.forEach((s, si) => {
      if (seen.has(`s:${s.name}`)) ctx.addIssue({ code: "custom", path: ["services", si, "name"], message: `duplicate service name ${s.name}` });
      seen.set(`s:${s.name}`, "");
      const pools = new Set<string>();
      s.pools.forEach((p, pi) => {
        if (pools.has(p.name))
          ctx.addIssue({ code: "custom", path: ["services", si, "pools", pi, "name"], message: `duplicate pool name ${p.name} in ${s.name}` });
        pools.add(p.name);
        p.instances.forEach((i, ii) => {
          const at = seen.get(`i:${i.name}`);
          if (at !== undefined)
            ctx.addIssue({
              code: "custom",
              path: ["services", si, "pools", pi, "instances", ii, "name"],
              message: `duplicate instance name ${i.name} (also in ${at})`,
            });
          seen.set(`i:${i.name}`, `${s.name}/${p.name}`);
          if (i.haproxy) {
            const link = `l:${linkKey(i.haproxy)}`;
            if (seen.has(link))
              ctx.addIssue({
                code: "custom",
                path: ["services", si, "pools", pi, "instances", ii, "haproxy", "server"],
                message: `${i.haproxy.backend}/${i.haproxy.server} on ${i.haproxy.balancer} is already ${seen.get(link)}`,
              });
            seen.set(link, i.name);
          }
        });
      });
    });
  });
export type FleetFile = z.infer<typeof FleetFile>;
export type FileInstanceSpec = FleetFile["services"][number]["pools"][number]["instances"][number];
