import crypto from "node:crypto";
import { stringify } from "yaml";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { checkOf } from "@/lib/checks/check-columns";
import { advisoryXactLock } from "@/lib/db/advisory-lock";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { CHECK_FIELDS, ownFields, setFields, type CheckFields } from "@/lib/checks/check-inherit";
import {
  insertInstance,
  patchInstance,
  removeInstanceRow,
  removeServiceRow,
  ensureFreeName,
  setServiceCheckDefaults,
  type InstanceData,
  type RemovedBy,
} from "@/lib/inventory/writes";
import { parseFleetFile } from "./parse";
import { describePlan, planFleet, type Change, type CurrentFleet } from "./plan";
import { FLEET_FILE_VERSION, type FleetFile } from "./schema";

/** The fleet as stored (archived services and instances left out), with its version. */
export async function loadFleet(db: Db | Tx): Promise<CurrentFleet> {
  const rows = await db.service.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    include: {
      _count: { select: { faults: true } },
      pools: {
        orderBy: [{ role: "asc" }, { priority: "asc" }, { name: "asc" }],
        include: { instances: { where: { archivedAt: null }, orderBy: { name: "asc" }, include: { _count: { select: { faults: true } } } } },
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
        hasHistory: i._count.faults > 0,
      })),
    })),
  }));
  // The version is the inventory's content, not its rows' updatedAt: the poller and the observer
  // touch instance rows every few seconds (health, HAProxy's status) without changing the fleet.
  return { services, version: crypto.createHash("sha256").update(JSON.stringify(services)).digest("hex").slice(0, 16) };
}

export interface PlanResult {
  version: string;
  changes: Change[];
  /** `describePlan`: one line per change. */
  summary: string[];
}

/** What applying the file would change; audited (like a check test) so a review sees who planned what. */
export async function planFleetFile(db: Db, ctx: AuditContext, text: string, o: { prune: boolean; filename?: string }): Promise<PlanResult> {
  const file = parseFleetFile(text, o.filename);
  return audited(db, ctx, { action: "config.plan", target: { kind: "config", id: "fleet" } }, async () => {
    const current = await loadFleet(db);
    const changes = planFleet(current, file, o);
    return { value: { version: current.version, changes, summary: describePlan(changes) }, after: { version: current.version, changes: changes.length } };
  });
}

/** Perform a plan's changes in the caller's transaction, in order (services, pools, instances, removals). */
async function perform(tx: Tx, changes: readonly Change[], by: RemovedBy): Promise<void> {
  const serviceIds = new Map<string, string>();
  const poolIds = new Map<string, string>();
  const serviceId = async (name: string) => serviceIds.get(name) ?? (await tx.service.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
  const poolId = async (service: string, pool: string) =>
    poolIds.get(`${service}/${pool}`) ?? (await tx.pool.findFirstOrThrow({ where: { name: pool, service: { name: service } }, select: { id: true } })).id;
  for (const c of changes) {
    if (c.kind === "service" && c.op === "create") {
      await ensureFreeName(tx, "service", c.name);
      const { checkDefaults, ...spec } = c.spec;
      const id = (await tx.service.create({ data: spec, select: { id: true } })).id;
      if (checkDefaults) await setServiceCheckDefaults(tx, id, checkDefaults);
      serviceIds.set(c.name, id);
    } else if (c.kind === "service" && c.op === "update") {
      const data = Object.fromEntries(Object.entries(c.fields).flatMap(([k, d]) => (k.startsWith("checkDefaults.") ? [] : [[k, d.to]])));
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
      await insertInstance(tx, await poolId(c.service, c.pool), c.spec);
    } else if (c.kind === "instance" && c.op === "update") {
      const data: InstanceData = {};
      for (const [k, d] of Object.entries(c.fields)) if (k === "address" || k === "enabled" || k === "weight") (data as Record<string, unknown>)[k] = d.to;
      // The file is the whole truth: the fields it leaves out are inherited.
      if (c.check) Object.assign(data, { check: c.check, checkInherit: CHECK_FIELDS.filter((k) => !(k in c.check!)) });
      if (c.moveTo) data.poolId = await poolId(c.moveTo.service, c.moveTo.pool);
      await patchInstance(tx, c.id, data);
    } else if (c.kind === "instance" && (c.op === "archive" || c.op === "delete")) {
      await removeInstanceRow(tx, c.id, by);
    } else if (c.kind === "service" && (c.op === "archive" || c.op === "delete")) {
      await removeServiceRow(tx, c.id, by);
    }
  }
}

/**
 * Apply a fleet file: all or nothing in one transaction, one audit entry holding the changes.
 * Serialised across replicas (advisory lock); refused (409) when `expectedVersion` — the version
 * a plan was shown on — is no longer the fleet's.
 */
export async function applyFleetFile(
  db: Db,
  ctx: AuditContext,
  text: string,
  o: { prune: boolean; expectedVersion?: string; reason: string; filename?: string },
): Promise<PlanResult> {
  const file = parseFleetFile(text, o.filename);
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
      const changes = planFleet(current, file, o);
      await perform(tx, changes, { actor: ctx.actor.name, reason: o.reason });
      const after = await loadFleet(tx);
      const value = { version: after.version, changes, summary: describePlan(changes) };
      return { value, before: { version: current.version }, after: { version: after.version, changes: value.summary } };
    },
    { timeoutMs: 60_000 },
  );
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
      pools: s.pools.map((p) => ({
        name: p.name,
        role: p.role,
        priority: p.priority,
        instances: p.instances.map((i) => ({
          name: i.name,
          address: i.address,
          enabled: i.enabled,
          weight: i.weight,
          ...(Object.keys(i.check).length ? { check: i.check } : {}),
        })),
      })),
    })),
  };
  return `# yaml-language-server: $schema=./faultline.schema.json\n# Faultline fleet file: faultline plan -f faultline.yaml, then faultline apply -f faultline.yaml\n${stringify(file)}`;
}
