/**
 * The inventory's writes inside a caller's transaction: one writer per record kind, shared by the
 * audited single changes (inventory.ts) and the fleet file's apply (lib/fleet-file/apply.ts).
 */
import { checkColumns } from "@/lib/checks/check-columns";
import type { CheckInput } from "@/lib/checks/check-input";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
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
  check?: CheckInput;
}

/** Instance columns from the API's words (weight is the desired weight; check fields map to columns). */
function instanceColumns({ weight, check, ...rest }: InstanceData) {
  return { ...rest, ...(weight !== undefined ? { desiredWeight: weight } : {}), ...(check ? checkColumns(check) : {}) };
}

export async function insertInstance(tx: Tx, poolId: string, data: InstanceData & { name: string; address: string }) {
  await ensureFreeName(tx, "instance", data.name);
  return tx.instance.create({ data: { poolId, ...instanceColumns(data), name: data.name, address: data.address } });
}

export async function patchInstance(tx: Tx, id: string, data: InstanceData) {
  if (data.name) await ensureFreeName(tx, "instance", data.name, id);
  return tx.instance.update({ where: { id }, data: instanceColumns(data) });
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
