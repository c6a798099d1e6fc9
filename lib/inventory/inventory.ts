/**
 * The fleet's inventory as operators edit it: services, pools and instances — created, edited,
 * and removed (archived when they have history). Every change runs through `audited` (one
 * transaction with its before/after entry); the poller picks changes up on its next refresh
 * (its digest sees `updatedAt`), the observer on its next pass.
 */
import { audited, type AuditContext } from "@/lib/audit/audited";
import { NEW_ID } from "@/lib/audit/catalogue";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";
import { ensureNotManaged } from "@/lib/services/managed-by-file";
import { checkOf } from "@/lib/checks/check-columns";
import { setFields, type CheckFields } from "@/lib/checks/check-inherit";
import type { InstanceBulkCreate, InstanceCreate, InstanceEdit, PoolCreate, ServiceCreate, ServiceEdit } from "./schemas";
import { ensureFreeName, insertInstance, patchInstance, removeInstanceRow, removeServiceRow, setServiceCheckDefaults } from "./writes";

const serviceFields = (s: { name: string; description: string; owner: string; tags: string[]; sloTargetPct: number; checkDefaults: unknown }) => ({
  name: s.name,
  description: s.description,
  owner: s.owner,
  tags: s.tags,
  sloTargetPct: s.sloTargetPct,
  checkDefaults: s.checkDefaults ? setFields(s.checkDefaults as CheckFields) : null,
});

export async function createService(db: Db, ctx: AuditContext, body: ServiceCreate) {
  const { reason, checkDefaults, ...data } = body;
  return audited(db, ctx, { action: "service.create", target: { kind: "service", id: NEW_ID, name: data.name }, reason }, async (tx) => {
    await ensureFreeName(tx, "service", data.name);
    const created = await tx.service.create({ data });
    if (checkDefaults) await setServiceCheckDefaults(tx, created.id, checkDefaults);
    const s = await tx.service.findUniqueOrThrow({ where: { id: created.id } });
    return { value: { id: s.id, ...serviceFields(s) }, after: serviceFields(s), target: { kind: "service", id: s.id, name: s.name } };
  });
}

export async function updateService(db: Db, ctx: AuditContext, id: string, body: ServiceEdit) {
  const { reason, checkDefaults, ...data } = body;
  const found = await db.service.findFirst({ where: { id, archivedAt: null }, select: { name: true } });
  if (!found) throw notFound("service");
  await ensureNotManaged(db, found.name);
  return audited(db, ctx, { action: "service.update", target: { kind: "service", id, name: found.name }, reason }, async (tx) => {
    const before = await tx.service.findUniqueOrThrow({ where: { id } });
    if (data.name && data.name !== before.name) await ensureFreeName(tx, "service", data.name, id);
    await tx.service.update({ where: { id }, data });
    if (checkDefaults !== undefined) {
      // Carried to every instance that inherits; a fault that ends because of it says so.
      const changed = await setServiceCheckDefaults(tx, id, checkDefaults);
      if (changed.length > 0) {
        await noteOnOpenFaults(
          tx,
          { serviceId: id },
          {
            kind: "NOTE",
            actor: ctx.actor.name,
            message: `${before.name}: check defaults changed (${changed.length} instance${changed.length === 1 ? "" : "s"} inherit them) — ${reason}`,
            data: { mirrors: "audit", instances: changed },
          },
        );
      }
    }
    const after = await tx.service.findUniqueOrThrow({ where: { id } });
    return { value: { id, ...serviceFields(after) }, before: serviceFields(before), after: serviceFields(after) };
  });
}

/** Remove a service: archived (with its instances) if any fault names it, deleted otherwise. */
export async function removeService(db: Db, ctx: AuditContext, id: string, reason: string) {
  const found = await db.service.findFirst({ where: { id, archivedAt: null }, select: { name: true, _count: { select: { faults: true } } } });
  if (!found) throw notFound("service");
  await ensureNotManaged(db, found.name);
  const action = found._count.faults > 0 ? "service.archive" : "service.delete";
  return audited(db, ctx, { action, target: { kind: "service", id, name: found.name }, reason }, async (tx) => {
    const before = serviceFields(await tx.service.findUniqueOrThrow({ where: { id } }));
    const result = await removeServiceRow(tx, id, { actor: ctx.actor.name, reason });
    return { value: { id, name: found.name, result }, before };
  });
}

export async function createPool(db: Db, ctx: AuditContext, serviceId: string, body: PoolCreate) {
  const { reason, ...data } = body;
  const service = await db.service.findFirst({ where: { id: serviceId, archivedAt: null }, select: { name: true } });
  if (!service) throw notFound("service");
  await ensureNotManaged(db, service.name);
  return audited(db, ctx, { action: "pool.create", target: { kind: "pool", id: NEW_ID, name: data.name }, reason }, async (tx) => {
    const clash = await tx.pool.findUnique({ where: { serviceId_name: { serviceId, name: data.name } }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", `${service.name} already has a pool named ${data.name}`, "name");
    const p = await tx.pool.create({ data: { serviceId, ...data } });
    const view = { id: p.id, serviceId, name: p.name, role: p.role, priority: p.priority };
    return { value: view, after: view, target: { kind: "pool", id: p.id, name: p.name } };
  });
}

/** The fields (check fields as `check.path`) whose value differs between two instance views. */
function changedFields(a: ReturnType<typeof instanceFields>, b: ReturnType<typeof instanceFields>): string[] {
  const out = (["name", "address", "enabled", "weight"] as const).filter((k) => a[k] !== b[k]).map(String);
  for (const k of Object.keys(a.check) as Array<keyof typeof a.check>) if (JSON.stringify(a.check[k]) !== JSON.stringify(b.check[k])) out.push(`check.${k}`);
  return out;
}

const instanceFields = (
  i: Parameters<typeof checkOf>[0] & { name: string; address: string; enabled: boolean; desiredWeight: number; checkOverrides: string[] },
) => ({
  name: i.name,
  address: i.address,
  enabled: i.enabled,
  weight: i.desiredWeight,
  /** The check it runs (resolved) and which of its fields are its own (the rest inherited). */
  check: checkOf(i),
  checkOverrides: i.checkOverrides,
});

export async function createInstance(db: Db, ctx: AuditContext, poolId: string, body: InstanceCreate) {
  const { reason, ...data } = body;
  const pool = await db.pool.findFirst({ where: { id: poolId, service: { archivedAt: null } }, select: { name: true, service: { select: { name: true } } } });
  if (!pool) throw notFound("pool");
  await ensureNotManaged(db, pool.service.name);
  return audited(db, ctx, { action: "instance.create", target: { kind: "instance", id: NEW_ID, name: data.name }, reason }, async (tx) => {
    const i = await insertInstance(tx, poolId, data);
    const view = { id: i.id, poolId, ...instanceFields(i) };
    return { value: view, after: instanceFields(i), target: { kind: "instance", id: i.id, name: i.name } };
  });
}

/** Add pasted `host:port` lines to a pool as instances `<pool>-<n>` (next free numbers), all or none. */
export async function createInstances(db: Db, ctx: AuditContext, poolId: string, body: InstanceBulkCreate) {
  const pool = await db.pool.findFirst({ where: { id: poolId, service: { archivedAt: null } }, select: { name: true, service: { select: { name: true } } } });
  if (!pool) throw notFound("pool");
  await ensureNotManaged(db, pool.service.name);
  return audited(db, ctx, { action: "instance.bulk_create", target: { kind: "pool", id: poolId, name: pool.name }, reason: body.reason }, async (tx) => {
    const taken = new Set((await tx.instance.findMany({ where: { name: { startsWith: `${pool.name}-` } }, select: { name: true } })).map((i) => i.name));
    const created: Array<{ id: string; name: string; address: string }> = [];
    let n = 1;
    for (const address of body.addresses) {
      while (taken.has(`${pool.name}-${n}`)) n++;
      const name = `${pool.name}-${n}`;
      taken.add(name);
      const i = await insertInstance(tx, poolId, { name, address, check: body.check });
      created.push({ id: i.id, name: i.name, address: i.address });
    }
    return { value: { items: created }, after: { instances: created.map((c) => `${c.name} ${c.address}`) } };
  });
}

/** Edit what Faultline knows of an instance (name, address, enabled, check); HAProxy is not touched. */
export async function editInstance(db: Db, ctx: AuditContext, id: string, body: InstanceEdit) {
  const { reason, ...data } = body;
  const found = await db.instance.findFirst({
    where: { id, archivedAt: null },
    select: { name: true, pool: { select: { service: { select: { name: true } } } } },
  });
  if (!found) throw notFound("instance");
  await ensureNotManaged(db, found.pool.service.name);
  return audited(db, ctx, { action: "instance.edit", target: { kind: "instance", id, name: found.name }, reason }, async (tx) => {
    const before = await tx.instance.findUniqueOrThrow({ where: { id } });
    const after = await patchInstance(tx, id, data);
    const changed = changedFields(instanceFields(before), instanceFields(after));
    // A fault that ends because its check was changed must say so: a reviewer would otherwise
    // read the resolution as the instance recovering.
    if (changed.length > 0) {
      await noteOnOpenFaults(
        tx,
        { instanceId: id },
        { kind: "NOTE", actor: ctx.actor.name, message: `${after.name}: ${changed.join(", ")} changed — ${reason}`, data: { mirrors: "audit" } },
      );
    }
    return { value: { id, poolId: after.poolId, ...instanceFields(after) }, before: instanceFields(before), after: instanceFields(after) };
  });
}

/** Remove an instance: archived (not polled, hidden, history kept) if any fault names it, deleted otherwise. */
export async function removeInstance(db: Db, ctx: AuditContext, id: string, reason: string) {
  const found = await db.instance.findFirst({
    where: { id, archivedAt: null },
    select: { name: true, _count: { select: { faults: true } }, pool: { select: { service: { select: { name: true } } } } },
  });
  if (!found) throw notFound("instance");
  await ensureNotManaged(db, found.pool.service.name);
  const action = found._count.faults > 0 ? "instance.archive" : "instance.delete";
  return audited(db, ctx, { action, target: { kind: "instance", id, name: found.name }, reason }, async (tx) => {
    const before = await tx.instance.findUniqueOrThrow({ where: { id } });
    const result = await removeInstanceRow(tx, id, { actor: ctx.actor.name, reason });
    return { value: { id, name: found.name, result }, before: instanceFields(before) };
  });
}
