/**
 * The inventory's writes inside a caller's transaction: one writer per record kind, shared by the
 * audited single changes (inventory.ts) and the fleet file's apply (lib/fleet-file/apply.ts).
 */
import { checkColumns, checkOf } from "@/lib/checks/check-columns";
import { CHECK_FIELDS, overrideNames, ownFields, resolveCheck, sameCheck, setFields, type CheckField, type CheckFields } from "@/lib/checks/check-inherit";
import type { Tx } from "@/lib/db/client";
import { Prisma, type AdminState } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { resolveFault } from "@/lib/faults/resolve-fault";
import { UNRESOLVED } from "@/lib/faults/unresolved";

/** Names are unique across archived ones too (history keeps its names): say which field clashes. */
export async function ensureFreeName(tx: Tx, kind: "service" | "instance", name: string, exceptId?: string): Promise<void> {
  const taken =
    kind === "service"
      ? await tx.service.findUnique({ where: { name }, select: { id: true, archivedAt: true } })
      : await tx.instance.findUnique({ where: { name }, select: { id: true, archivedAt: true } });
  if (taken && taken.id !== exceptId) {
    throw new AppError("CONFLICT", `a${kind === "instance" ? "n" : ""} ${kind} named ${name} exists${taken.archivedAt ? " (archived)" : ""}`, "name");
  }
}

export interface InstanceData {
  name?: string;
  address?: string;
  enabled?: boolean;
  weight?: number;
  /** Check fields the instance sets itself (merged into the ones it has); the rest are inherited. */
  check?: CheckFields;
  /** Own check fields that go back to inheriting (before `check` is merged). */
  checkInherit?: readonly CheckField[];
  /** Move it to this pool (its check re-resolved against that pool's service). */
  poolId?: string;
  /** The HAProxy server it is (`null`: unlinked — its drift record goes with the link). */
  link?: { balancerId: string; backend: string; server: string } | null;
}

/** Per transaction: a fleet-file apply of 1,000 instances asks for the same few pools' defaults. */
const defaultsSeen = new WeakMap<Tx, Map<string, CheckFields | null>>();

async function serviceDefaultsOfPool(tx: Tx, poolId: string): Promise<CheckFields | null> {
  const seen = defaultsSeen.get(tx) ?? new Map<string, CheckFields | null>();
  defaultsSeen.set(tx, seen);
  if (seen.has(poolId)) return seen.get(poolId)!;
  // FOR SHARE: a change of these defaults (setServiceCheckDefaults updates the row) waits for this
  // transaction, then re-resolves the instance it wrote; or this one waits and reads the new defaults.
  const [row] = await tx.$queryRaw<Array<{ checkDefaults: CheckFields | null }>>`
    SELECT s."checkDefaults" FROM "Pool" p JOIN "Service" s ON s.id = p."serviceId" WHERE p.id = ${poolId}::uuid FOR SHARE OF s`;
  if (!row) throw notFound("pool");
  seen.set(poolId, row.checkDefaults);
  return row.checkDefaults;
}

/** The check columns of an instance with these own fields under these service defaults. */
function resolvedCheckColumns(defaults: CheckFields | null, own: CheckFields | null | undefined) {
  return { ...checkColumns(resolveCheck(defaults, own)), checkOverrides: overrideNames(own) };
}

/** Instance columns from the API's words (weight is the desired weight). */
function instanceColumns(d: InstanceData) {
  const link =
    d.link === undefined
      ? {}
      : d.link === null
        ? { balancerId: null, haproxyBackend: null, haproxyServer: null, drift: false, driftDetail: null, driftSince: null }
        : // Another server's drift record does not carry over; the observer judges the new one.
          { balancerId: d.link.balancerId, haproxyBackend: d.link.backend, haproxyServer: d.link.server, drift: false, driftDetail: null, driftSince: null };
  return {
    ...link,
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.address !== undefined ? { address: d.address } : {}),
    ...(d.enabled !== undefined ? { enabled: d.enabled } : {}),
    ...(d.weight !== undefined ? { desiredWeight: d.weight } : {}),
  };
}

/** `adminState`: what HAProxy has for an imported server (a new instance is READY otherwise). */
export async function insertInstance(tx: Tx, poolId: string, data: NewInstance, adminState?: AdminState) {
  await ensureFreeName(tx, "instance", data.name);
  return tx.instance.create({ data: await newInstanceRow(tx, poolId, data, adminState) });
}

type NewInstance = InstanceData & { name: string; address: string };

async function newInstanceRow(tx: Tx, poolId: string, data: NewInstance, adminState?: AdminState) {
  const check = resolvedCheckColumns(await serviceDefaultsOfPool(tx, poolId), data.check);
  return { poolId, ...instanceColumns(data), ...check, ...(adminState ? { desiredAdminState: adminState } : {}), name: data.name, address: data.address };
}

/**
 * Many new instances in one statement (a fleet file's 1,000 would otherwise be 2,000 round trips
 * inside the apply's transaction); the same rows and the same name check as `insertInstance`.
 */
export async function insertInstances(tx: Tx, rows: ReadonlyArray<{ poolId: string; data: NewInstance }>): Promise<void> {
  if (rows.length === 0) return;
  const taken = await tx.instance.findFirst({ where: { name: { in: rows.map((r) => r.data.name) } }, select: { name: true, archivedAt: true } });
  if (taken) throw new AppError("CONFLICT", `an instance named ${taken.name} exists${taken.archivedAt ? " (archived)" : ""}`, "name");
  const data = [];
  for (const r of rows) data.push(await newInstanceRow(tx, r.poolId, r.data));
  await tx.instance.createMany({ data });
}

export async function patchInstance(tx: Tx, id: string, data: InstanceData) {
  if (data.name) await ensureFreeName(tx, "instance", data.name, id);
  let check = {};
  if (data.check || data.checkInherit?.length || data.poolId) {
    // A whole new set of own fields in a known pool (the fleet file's) needs no read of the row.
    const given = setFields(data.check);
    const replaces = data.poolId && CHECK_FIELDS.every((k) => k in given || data.checkInherit?.includes(k));
    const cur = replaces ? null : await tx.instance.findUniqueOrThrow({ where: { id } });
    const kept = cur
      ? ownFields(
          checkOf(cur),
          cur.checkOverrides.filter((k) => !data.checkInherit?.includes(k as CheckField)),
        )
      : {};
    check = resolvedCheckColumns(await serviceDefaultsOfPool(tx, data.poolId ?? cur!.poolId), { ...kept, ...given });
  }
  return tx.instance.update({ where: { id }, data: { ...instanceColumns(data), ...check, ...(data.poolId ? { poolId: data.poolId } : {}) } });
}

/**
 * Set a service's check defaults and carry them to every instance that inherits: the instances'
 * own fields stay, the rest is re-resolved. Returns the names of the instances whose check changed.
 */
export async function setServiceCheckDefaults(tx: Tx, serviceId: string, defaults: CheckFields | null): Promise<string[]> {
  const stored = Object.keys(setFields(defaults)).length ? (setFields(defaults) as Prisma.InputJsonValue) : Prisma.DbNull;
  await tx.service.update({ where: { id: serviceId }, data: { checkDefaults: stored } });
  defaultsSeen.delete(tx);
  const changed: string[] = [];
  const instances = await tx.instance.findMany({ where: { pool: { serviceId }, archivedAt: null } });
  for (const i of instances) {
    const before = checkOf(i);
    const own = ownFields(before, i.checkOverrides);
    if (sameCheck(resolveCheck(defaults, own), before)) continue;
    await tx.instance.update({ where: { id: i.id }, data: resolvedCheckColumns(defaults, own) });
    changed.push(i.name);
  }
  return changed;
}

/** Who removed it and why: written as the resolution of the faults it leaves open. */
export interface RemovedBy {
  actor: string;
  reason: string;
}

/** Nothing checks an archived instance any more: its open faults end here, saying why. */
async function resolveOrphaned(tx: Tx, where: { instanceId: string } | { serviceId: string }, by: RemovedBy, at: Date): Promise<void> {
  for (const f of await tx.fault.findMany({ where: { ...where, ...UNRESOLVED }, select: { id: true } })) {
    await resolveFault(tx, f.id, at, `Archived by ${by.actor}: ${by.reason}`, by.actor);
  }
}

/** Archived (not polled, hidden, history kept) when a fault names it, deleted otherwise. */
export async function removeInstanceRow(tx: Tx, id: string, by: RemovedBy): Promise<"ARCHIVED" | "DELETED"> {
  const faults = await tx.fault.count({ where: { instanceId: id } });
  if (faults > 0) {
    const at = new Date();
    await tx.instance.update({ where: { id }, data: { archivedAt: at, enabled: false } });
    await resolveOrphaned(tx, { instanceId: id }, by, at);
    return "ARCHIVED";
  }
  await tx.instance.delete({ where: { id } });
  return "DELETED";
}

/** A service with faults is archived with its instances; one without is deleted (pools and instances with it). */
export async function removeServiceRow(tx: Tx, id: string, by: RemovedBy): Promise<"ARCHIVED" | "DELETED"> {
  const running = await tx.failover.findFirst({ where: { serviceId: id, state: { in: ["PENDING", "APPLYING"] } }, select: { id: true } });
  if (running) throw new AppError("CONFLICT", `a failover of this service is running (${running.id})`);
  const faults = await tx.fault.count({ where: { serviceId: id } });
  if (faults > 0) {
    const at = new Date();
    await tx.instance.updateMany({ where: { pool: { serviceId: id }, archivedAt: null }, data: { archivedAt: at, enabled: false } });
    await tx.service.update({ where: { id }, data: { archivedAt: at } });
    await resolveOrphaned(tx, { serviceId: id }, by, at);
    return "ARCHIVED";
  }
  await tx.service.delete({ where: { id } });
  return "DELETED";
}
