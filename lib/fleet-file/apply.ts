import crypto from "node:crypto";
import { stringify } from "yaml";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { checkOf } from "@/lib/checks/check-columns";
import { advisoryXactLock } from "@/lib/db/advisory-lock";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { CHECK_FIELDS, ownFields, setFields, type CheckFields } from "@/lib/checks/check-inherit";
import {
  insertInstances,
  patchInstance,
  removeInstanceRow,
  removeServiceRow,
  ensureFreeName,
  setServiceCheckDefaults,
  type InstanceData,
  type RemovedBy,
} from "@/lib/inventory/writes";
import { formatPath, locatedError, parseFleetFile } from "./parse";
import { managedError, readConfigFileState } from "@/lib/services/managed-by-file";
import { DEFAULT_POLICY, policyOf } from "@/lib/services/update-policy";
import type { ServicePolicy } from "@/lib/services/views";
import { describePlan, linkKey, planFleet, type Change, type CurrentFleet, type InstanceLink } from "./plan";
import { FLEET_FILE_VERSION, FleetFile } from "./schema";

/** The fleet as stored (archived services and instances left out), with its version. */
export async function loadFleet(db: Db | Tx): Promise<CurrentFleet> {
  const rows = await db.service.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    include: {
      _count: { select: { faults: true } },
      pools: {
        orderBy: [{ role: "asc" }, { priority: "asc" }, { name: "asc" }],
        include: {
          instances: {
            where: { archivedAt: null },
            orderBy: { name: "asc" },
            include: { _count: { select: { faults: true } }, balancer: { select: { name: true } } },
          },
        },
      },
    },
  });
  const services = rows.map((s) => ({
    id: s.id,
    name: s.name,
    owner: s.owner,
    description: s.description,
    tags: s.tags,
    sloTargetPct: s.sloTargetPct,
    checkDefaults: setFields(s.checkDefaults as CheckFields | null),
    policy: policyOf(s),
    hasHistory: s._count.faults > 0,
    pools: s.pools.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      priority: p.priority,
      instances: p.instances.map((i) => ({
        id: i.id,
        name: i.name,
        address: i.address,
        enabled: i.enabled,
        weight: i.desiredWeight,
        check: ownFields(checkOf(i), i.checkOverrides),
        haproxy: i.balancer && i.haproxyBackend && i.haproxyServer ? { balancer: i.balancer.name, backend: i.haproxyBackend, server: i.haproxyServer } : null,
        hasHistory: i._count.faults > 0,
      })),
    })),
  }));
  // The version is the inventory's content, not its rows' updatedAt: the poller and the observer
  // touch instance rows every few seconds (health, HAProxy's status) without changing the fleet.
  const balancers = (await db.balancer.findMany({ select: { name: true } })).map((b) => b.name);
  return { services, balancers, version: crypto.createHash("sha256").update(JSON.stringify(services)).digest("hex").slice(0, 16) };
}

export interface PlanResult {
  version: string;
  changes: Change[];
  /** `describePlan`: one line per change. */
  summary: string[];
}

type Locate = (path: PropertyKey[], message: string) => AppError;
const fromText =
  (text: string, filename?: string): Locate =>
  (path, message) =>
    locatedError(text, filename, path, message);
const fromObject: Locate = (path, message) => new AppError("VALIDATION", `${formatPath(path)}: ${message}`, formatPath(path));

/**
 * A link must name a balancer that is connected (Settings → Balancers holds its address), and a
 * server no instance outside the file drives already (two instances must not steer one server).
 */
function checkBalancers(file: FleetFile, current: CurrentFleet, locate: Locate): void {
  const known = new Set(current.balancers);
  const inFile = new Set(file.services.flatMap((s) => s.pools.flatMap((p) => p.instances.map((i) => i.name))));
  const heldOutside = new Map<string, string>();
  for (const s of current.services)
    for (const p of s.pools) for (const i of p.instances) if (i.haproxy && !inFile.has(i.name)) heldOutside.set(linkKey(i.haproxy), i.name);
  file.services.forEach((s, si) =>
    s.pools.forEach((p, pi) =>
      p.instances.forEach((i, ii) => {
        if (i.haproxy && !known.has(i.haproxy.balancer))
          throw locate(
            ["services", si, "pools", pi, "instances", ii, "haproxy", "balancer"],
            `no balancer named ${i.haproxy.balancer} (connect it in Settings → Balancers${known.size ? `; there are ${[...known].join(", ")}` : ""})`,
          );
        const holder = i.haproxy && heldOutside.get(linkKey(i.haproxy));
        if (holder)
          throw locate(
            ["services", si, "pools", pi, "instances", ii, "haproxy", "server"],
            `${i.haproxy!.backend}/${i.haproxy!.server} on ${i.haproxy!.balancer} is already ${holder}'s (not in this file): unlink it first`,
          );
      }),
    ),
  );
}

/** The services a plan's changes touch, by name. */
function touchedServices(changes: readonly Change[], current: CurrentFleet): Set<string> {
  const serviceOf = new Map(current.services.flatMap((s) => s.pools.flatMap((p) => p.instances.map((i) => [i.name, s.name] as const))));
  const out = new Set<string>();
  for (const c of changes) {
    if (c.kind === "service") out.add(c.name);
    else if ("service" in c) out.add(c.service);
    else if (serviceOf.has(c.name)) out.add(serviceOf.get(c.name)!);
    if (c.kind === "instance" && c.op === "update" && serviceOf.has(c.name)) out.add(serviceOf.get(c.name)!);
  }
  return out;
}

/** An apply from the API may not change what FAULTLINE_CONFIG_FILE manages: it would be undone, or fight it. */
async function refuseManaged(tx: Tx, changes: readonly Change[], current: CurrentFleet): Promise<void> {
  const state = await readConfigFileState(tx);
  if (!state) return;
  const managed = [...touchedServices(changes, current)].filter((n) => state.services.includes(n));
  if (managed.length) throw managedError(managed, state.path);
}

/**
 * What applying this text would change, not audited: the config-file job asks this every few
 * seconds, and an unchanged fleet must not fill the audit log. Also the services the file lists.
 */
export async function pendingChanges(db: Db, text: string, o: { prune: boolean; filename?: string }): Promise<{ changes: Change[]; services: string[] }> {
  const file = parseFleetFile(text, o.filename);
  const current = await loadFleet(db);
  checkBalancers(file, current, fromText(text, o.filename));
  return { changes: planFleet(current, file, o), services: file.services.map((s) => s.name) };
}

/** What applying the file would change; audited (like a check test) so a review sees who planned what. */
export async function planFleetFile(db: Db, ctx: AuditContext, text: string, o: { prune: boolean; filename?: string }): Promise<PlanResult> {
  const file = parseFleetFile(text, o.filename);
  return audited(db, ctx, { action: "config.plan", target: { kind: "config", id: "fleet" } }, async () => {
    const current = await loadFleet(db);
    checkBalancers(file, current, fromText(text, o.filename));
    const changes = planFleet(current, file, o);
    return { value: { version: current.version, changes, summary: describePlan(changes) }, after: { version: current.version, changes: changes.length } };
  });
}

/** Perform a plan's changes in the caller's transaction, in order (services, pools, instances, removals). */
async function perform(tx: Tx, changes: readonly Change[], by: RemovedBy): Promise<void> {
  const balancers = new Map((await tx.balancer.findMany({ select: { id: true, name: true } })).map((b) => [b.name, b.id]));
  const linkOf = (l: InstanceLink | null | undefined) => (l ? { balancerId: balancers.get(l.balancer)!, backend: l.backend, server: l.server } : null);
  const serviceIds = new Map<string, string>();
  const poolIds = new Map<string, string>();
  const serviceId = async (name: string) => serviceIds.get(name) ?? (await tx.service.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
  const poolId = async (service: string, pool: string) => {
    const key = `${service}/${pool}`;
    if (!poolIds.has(key)) poolIds.set(key, (await tx.pool.findFirstOrThrow({ where: { name: pool, service: { name: service } }, select: { id: true } })).id);
    return poolIds.get(key)!;
  };
  // New instances go in together (one statement), before anything that could need them.
  const newInstances: Parameters<typeof insertInstances>[1][number][] = [];
  for (const c of changes) {
    if (!(c.kind === "instance" && c.op === "create")) await insertInstances(tx, newInstances.splice(0));
    if (c.kind === "service" && c.op === "create") {
      await ensureFreeName(tx, "service", c.name);
      const { checkDefaults, policy, ...spec } = c.spec;
      const id = (await tx.service.create({ data: { ...spec, ...policy }, select: { id: true } })).id;
      if (checkDefaults) await setServiceCheckDefaults(tx, id, checkDefaults);
      serviceIds.set(c.name, id);
    } else if (c.kind === "service" && c.op === "update") {
      // `policy.autoDrain` → the autoDrain column; check defaults go through their own writer.
      const data = Object.fromEntries(
        Object.entries(c.fields).flatMap(([k, d]) => (k.startsWith("checkDefaults.") ? [] : [[k.startsWith("policy.") ? k.slice(7) : k, d.to]])),
      );
      if (Object.keys(data).length) await tx.service.update({ where: { id: c.id }, data });
      if (c.checkDefaults) await setServiceCheckDefaults(tx, c.id, c.checkDefaults);
    } else if (c.kind === "pool" && c.op === "create") {
      poolIds.set(
        `${c.service}/${c.name}`,
        (await tx.pool.create({ data: { serviceId: await serviceId(c.service), name: c.name, ...c.spec }, select: { id: true } })).id,
      );
    } else if (c.kind === "pool" && c.op === "update") {
      await tx.pool.update({ where: { id: c.id }, data: Object.fromEntries(Object.entries(c.fields).map(([k, d]) => [k, d.to])) });
    } else if (c.kind === "instance" && c.op === "create") {
      const { haproxy, ...spec } = c.spec;
      newInstances.push({ poolId: await poolId(c.service, c.pool), data: { ...spec, ...(haproxy ? { link: linkOf(haproxy) } : {}) } });
    } else if (c.kind === "instance" && c.op === "update") {
      const data: InstanceData = {};
      for (const [k, d] of Object.entries(c.fields)) if (k === "address" || k === "enabled" || k === "weight") (data as Record<string, unknown>)[k] = d.to;
      if ("haproxy" in c.fields) data.link = linkOf(c.fields.haproxy!.to as InstanceLink | null);
      // The file is the whole truth: the fields it leaves out are inherited.
      if (c.check) Object.assign(data, { check: c.check, checkInherit: CHECK_FIELDS.filter((k) => !(k in c.check!)) });
      // Its pool (the one it moves to, or the one it is in): the check resolves against that service.
      if (c.moveTo || c.check) data.poolId = await poolId(c.moveTo?.service ?? c.service, c.moveTo?.pool ?? c.pool);
      await patchInstance(tx, c.id, data);
    } else if (c.kind === "instance" && (c.op === "archive" || c.op === "delete")) {
      await removeInstanceRow(tx, c.id, by);
    } else if (c.kind === "service" && (c.op === "archive" || c.op === "delete")) {
      await removeServiceRow(tx, c.id, by);
    }
  }
  await insertInstances(tx, newInstances);
}

interface ApplyOptions {
  prune: boolean;
  /** Set by the FAULTLINE_CONFIG_FILE job: it may change the services that file manages (no one else may). */
  asConfigFile?: boolean;
  /** The version a plan was shown on: refused (409) when the fleet is no longer at it. */
  expectedVersion?: string;
  reason: string;
}

/**
 * Apply a fleet file: all or nothing in one transaction, one audit entry holding the changes.
 * Serialised across replicas (advisory lock); refused (409) when `expectedVersion` — the version
 * a plan was shown on — is no longer the fleet's.
 */
export function applyFleetFile(db: Db, ctx: AuditContext, text: string, o: ApplyOptions & { filename?: string }): Promise<PlanResult> {
  return applyParsed(db, ctx, parseFleetFile(text, o.filename), o, fromText(text, o.filename));
}

/** The same apply for a fleet built in code (the demo's): one path into the inventory. */
export function applyFleet(db: Db, ctx: AuditContext, file: FleetFile, o: ApplyOptions): Promise<PlanResult> {
  return applyParsed(db, ctx, FleetFile.parse(file), o, fromObject);
}

async function applyParsed(db: Db, ctx: AuditContext, file: FleetFile, o: ApplyOptions, locate: Locate): Promise<PlanResult> {
  return audited(
    db,
    ctx,
    { action: "config.apply", target: { kind: "config", id: "fleet" }, reason: o.reason },
    async (tx) => {
      await advisoryXactLock(tx, "fleet-file:apply");
      const current = await loadFleet(tx);
      if (o.expectedVersion && o.expectedVersion !== current.version) {
        throw new AppError(
          "CONFLICT",
          `the fleet changed since the plan (planned on ${o.expectedVersion}, now ${current.version}): plan again`,
          "expectedVersion",
        );
      }
      checkBalancers(file, current, locate);
      const changes = planFleet(current, file, o);
      if (!o.asConfigFile) await refuseManaged(tx, changes, current);
      await perform(tx, changes, { actor: ctx.actor.name, reason: o.reason });
      const after = await loadFleet(tx);
      const value = { version: after.version, changes, summary: describePlan(changes) };
      return { value, before: { version: current.version }, after: { version: after.version, changes: value.summary } };
    },
    { timeoutMs: 60_000 },
  );
}

/** `{ policy }` with the fields that differ from the defaults, or nothing (an export leaves defaults out). */
function policyChanges(p: ServicePolicy): { policy?: Partial<ServicePolicy> } {
  const out = Object.fromEntries(Object.entries(p).filter(([k, v]) => DEFAULT_POLICY[k as keyof ServicePolicy] !== v));
  return Object.keys(out).length ? { policy: out } : {};
}

/** The fleet as a file: `faultline export > faultline.yaml`, then plan → no changes. */
export function exportFleet(current: CurrentFleet): string {
  const file: FleetFile = {
    version: FLEET_FILE_VERSION,
    services: current.services.map((s) => ({
      name: s.name,
      owner: s.owner,
      description: s.description,
      tags: s.tags,
      sloTargetPct: s.sloTargetPct,
      ...(Object.keys(s.checkDefaults).length ? { checkDefaults: s.checkDefaults } : {}),
      ...policyChanges(s.policy),
      pools: s.pools.map((p) => ({
        name: p.name,
        role: p.role,
        priority: p.priority,
        instances: p.instances.map((i) => ({
          name: i.name,
          address: i.address,
          enabled: i.enabled,
          ...(i.weight !== 100 ? { weight: i.weight } : {}),
          ...(Object.keys(i.check).length ? { check: i.check } : {}),
          ...(i.haproxy ? { haproxy: i.haproxy } : {}),
        })),
      })),
    })),
  };
  return `# yaml-language-server: $schema=./faultline.schema.json\n# Faultline fleet file: faultline plan -f faultline.yaml, then faultline apply -f faultline.yaml\n${stringify(file)}`;
}
