/**
 * What applying a fleet file would change, as a pure diff of the fleet as stored and the file —
 * `terraform plan` for the inventory. Keys are names (services and instances are unique by name,
 * pools by name within their service); an instance whose name moved to another pool moves.
 */
import { CHECK_FIELDS, setFields, type CheckFields } from "@/lib/checks/check-inherit";
import { DEFAULT_POLICY } from "@/lib/services/update-policy";
import type { ServicePolicy } from "@/lib/services/views";
import type { FileInstanceSpec, FleetFile } from "./schema";

export interface InstanceLink {
  balancer: string;
  backend: string;
  server: string;
}
/** One HAProxy server, as a key: two instances must never hold the same one. */
export const linkKey = (l: InstanceLink) => `${l.balancer}/${l.backend}/${l.server}`;

interface CurrentInstance {
  id: string;
  name: string;
  address: string;
  enabled: boolean;
  weight: number;
  /** Its own check fields (the rest inherited from the service). */
  check: CheckFields;
  /** The HAProxy server it is, by balancer name. */
  haproxy: InstanceLink | null;
  /** Fault records name it: pruning archives it instead of deleting it. */
  hasHistory: boolean;
}
interface CurrentPool {
  id: string;
  name: string;
  role: "ACTIVE" | "STANDBY";
  priority: number;
  instances: CurrentInstance[];
}
interface CurrentService {
  id: string;
  name: string;
  owner: string;
  description: string;
  tags: string[];
  sloTargetPct: number;
  checkDefaults: CheckFields;
  policy: ServicePolicy;
  hasHistory: boolean;
  pools: CurrentPool[];
}
export interface CurrentFleet {
  services: CurrentService[];
  /** The connected balancers' names (links in the file name one). */
  balancers: string[];
  /** Changes whenever any service, pool or instance does: apply refuses a plan made on another version. */
  version: string;
}

type FieldDiff = Record<string, { from: unknown; to: unknown }>;

export type Change =
  | { op: "create"; kind: "service"; name: string; spec: Omit<FleetFile["services"][number], "pools"> }
  | { op: "create"; kind: "pool"; name: string; service: string; spec: { role: "ACTIVE" | "STANDBY"; priority: number } }
  | { op: "create"; kind: "instance"; name: string; service: string; pool: string; spec: FileInstanceSpec }
  | { op: "update"; kind: "service"; name: string; id: string; fields: FieldDiff; checkDefaults?: CheckFields }
  | { op: "update"; kind: "pool"; name: string; service: string; id: string; fields: FieldDiff }
  | {
      op: "update";
      kind: "instance";
      name: string;
      id: string;
      service: string;
      pool: string;
      fields: FieldDiff;
      check?: CheckFields;
      moveTo?: { service: string; pool: string };
    }
  | { op: "archive" | "delete"; kind: "service" | "instance"; name: string; id: string }
  | { op: "keep"; kind: "pool"; name: string; service: string; why: string };

function diff(fields: FieldDiff, key: string, from: unknown, to: unknown): void {
  if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) fields[key] = { from, to };
}

/**
 * Check fields that differ (`check.path`, `checkDefaults.fall`, …); a field the file leaves out is
 * inherited, so it differs from a stored one (`to` absent). True when any differs.
 */
function checkDiff(fields: FieldDiff, prefix: string, current: CheckFields, want: CheckFields | undefined): boolean {
  const cur = setFields(current);
  const next = setFields(want);
  let any = false;
  for (const k of CHECK_FIELDS) {
    if (JSON.stringify(cur[k]) === JSON.stringify(next[k])) continue;
    fields[`${prefix}.${k}`] = { from: cur[k], to: next[k] };
    any = true;
  }
  return any;
}

export function planFleet(current: CurrentFleet, file: FleetFile, o: { prune: boolean }): Change[] {
  const changes: Change[] = [];
  const stored = new Map(current.services.map((s) => [s.name, s]));
  const storedInstances = new Map(
    current.services.flatMap((s) => s.pools.flatMap((p) => p.instances.map((i) => [i.name, { i, service: s.name, pool: p.name }] as const))),
  );
  const wanted = new Set<string>();

  for (const s of file.services) {
    const { pools, ...spec } = s;
    const cur = stored.get(s.name);
    if (!cur) changes.push({ op: "create", kind: "service", name: s.name, spec });
    else {
      const fields: FieldDiff = {};
      for (const k of ["owner", "description", "tags", "sloTargetPct"] as const) diff(fields, k, cur[k], spec[k]);
      // Policy fields the file leaves out are the defaults (nothing automatic).
      for (const k of Object.keys(DEFAULT_POLICY) as Array<keyof ServicePolicy>)
        diff(fields, `policy.${k}`, cur.policy[k], spec.policy?.[k] ?? DEFAULT_POLICY[k]);
      const defaults = checkDiff(fields, "checkDefaults", cur.checkDefaults, spec.checkDefaults);
      if (Object.keys(fields).length)
        changes.push({
          op: "update",
          kind: "service",
          name: s.name,
          id: cur.id,
          fields,
          ...(defaults ? { checkDefaults: setFields(spec.checkDefaults) } : {}),
        });
    }
    const curPools = new Map((cur?.pools ?? []).map((p) => [p.name, p]));
    for (const p of pools) {
      const cp = curPools.get(p.name);
      if (!cp) changes.push({ op: "create", kind: "pool", name: p.name, service: s.name, spec: { role: p.role, priority: p.priority } });
      else {
        const fields: FieldDiff = {};
        diff(fields, "role", cp.role, p.role);
        diff(fields, "priority", cp.priority, p.priority);
        if (Object.keys(fields).length) changes.push({ op: "update", kind: "pool", name: p.name, service: s.name, id: cp.id, fields });
      }
      for (const i of p.instances) {
        wanted.add(i.name);
        const ci = storedInstances.get(i.name);
        if (!ci) {
          changes.push({ op: "create", kind: "instance", name: i.name, service: s.name, pool: p.name, spec: i });
          continue;
        }
        const fields: FieldDiff = {};
        diff(fields, "address", ci.i.address, i.address);
        diff(fields, "enabled", ci.i.enabled, i.enabled);
        diff(fields, "weight", ci.i.weight, i.weight);
        diff(fields, "haproxy", ci.i.haproxy, i.haproxy ? { balancer: i.haproxy.balancer, backend: i.haproxy.backend, server: i.haproxy.server } : null);
        const check = checkDiff(fields, "check", ci.i.check, i.check);
        const moved = ci.service !== s.name || ci.pool !== p.name;
        if (moved) fields.pool = { from: `${ci.service}/${ci.pool}`, to: `${s.name}/${p.name}` };
        if (Object.keys(fields).length) {
          changes.push({
            op: "update",
            kind: "instance",
            name: i.name,
            id: ci.i.id,
            service: s.name,
            pool: p.name,
            fields,
            ...(check ? { check: setFields(i.check) } : {}),
            ...(moved ? { moveTo: { service: s.name, pool: p.name } } : {}),
          });
        }
      }
    }
    if (o.prune && cur) {
      for (const cp of cur.pools)
        if (!pools.some((p) => p.name === cp.name))
          changes.push({ op: "keep", kind: "pool", name: cp.name, service: s.name, why: "pools are never pruned (they hold history); empty it instead" });
    }
  }
  if (o.prune) {
    const inFile = new Set(file.services.map((s) => s.name));
    for (const [name, { i }] of storedInstances) {
      if (!wanted.has(name)) changes.push({ op: i.hasHistory ? "archive" : "delete", kind: "instance", name, id: i.id });
    }
    for (const s of current.services)
      if (!inFile.has(s.name)) changes.push({ op: s.hasHistory ? "archive" : "delete", kind: "service", name: s.name, id: s.id });
  }
  return changes;
}

/** A value in a plan line; an unset check field is inherited. */
const shown = (v: unknown) => (v === undefined ? "(inherited)" : JSON.stringify(v));

/** One line per change, like `terraform plan`: `+ instance shop-a-1 (shop/shop-a)`, `~ … check.path: "/" → "/health"`. */
export function describePlan(changes: readonly Change[]): string[] {
  const sign = { create: "+", update: "~", archive: "-", delete: "-", keep: "=" } as const;
  return changes.map((c) => {
    const where = "pool" in c && c.kind === "instance" ? ` (${c.service}/${c.pool})` : "service" in c && c.kind === "pool" ? ` (${c.service})` : "";
    const head = `${sign[c.op]} ${c.op} ${c.kind} ${c.name}${where}`;
    if (c.op === "update")
      return `${head}: ${Object.entries(c.fields)
        .map(([k, d]) => `${k}: ${shown(d.from)} → ${shown(d.to)}`)
        .join(", ")}`;
    if (c.op === "keep") return `${head}: ${c.why}`;
    return head;
  });
}
