import type { Tx } from "@/lib/audit/audited";
import { fingerprints } from "./fingerprint";
import { openOrReuseFault } from "./open-fault";

/**
 * One SEV1 fault when every instance of a service's ACTIVE pool(s) is DOWN, with the instance
 * faults grouped under it (one page, not an alert storm); resolved when the pool serves again.
 */
export async function evaluateServiceFault(tx: Tx, o: { serviceId: string; at: Date; actor: string; inMaintenance: boolean }): Promise<string[]> {
  const active = await tx.instance.findMany({
    where: { pool: { serviceId: o.serviceId, role: "ACTIVE" }, enabled: true },
    select: { id: true, name: true, observedHealth: true, desiredAdminState: true, pool: { select: { name: true } } },
  });
  const fp = fingerprints.serviceDown(o.serviceId);
  const open = await tx.fault.findFirst({ where: { fingerprint: fp, status: { not: "RESOLVED" } } });
  const allDown = active.length > 0 && active.every((i) => i.observedHealth === "DOWN");
  if (allDown && !o.inMaintenance) {
    const children = await tx.fault.findMany({
      where: { instanceId: { in: active.map((i) => i.id) }, fingerprint: { endsWith: ":down" }, status: { not: "RESOLVED" } },
      orderBy: { startedAt: "asc" },
    });
    const pools = [...new Set(active.map((i) => i.pool.name))].join(", ");
    const fault =
      open ??
      (await openOrReuseFault(tx, {
        fingerprint: fp,
        type: "SERVICE_DOWN",
        severity: "SEV1",
        serviceId: o.serviceId,
        instanceId: null,
        // The service went down when its last active instance did (children are oldest first).
        startedAt: children.length === active.length ? children[children.length - 1]!.startedAt : o.at,
        detectedAt: o.at,
        cause: `Every instance of the active pool ${pools} is DOWN (${active.length}/${active.length}): ${active.map((i) => i.name).join(", ")}`,
        source: "POLLER",
        actor: o.actor,
      }));
    const ungrouped = children.filter((c) => c.parentId !== fault.id);
    if (ungrouped.length > 0) {
      await tx.fault.updateMany({ where: { id: { in: ungrouped.map((c) => c.id) } }, data: { parentId: fault.id } });
      await tx.faultEvent.createMany({
        data: ungrouped.map((c) => ({
          faultId: c.id,
          at: o.at,
          kind: "GROUPED" as const,
          actor: o.actor,
          message: `Grouped under the service fault F-${fault.number}`,
        })),
      });
    }
    return [fault.id];
  }
  if (open && !allDown) {
    const serving = active.filter((i) => i.observedHealth === "UP" || i.observedHealth === "DEGRADED").map((i) => i.name);
    const resolution = `Active pool serving again at ${o.at.toISOString()}: ${serving.length ? serving.join(", ") + " UP" : "not every instance is DOWN any more"}`;
    await tx.fault.update({ where: { id: open.id }, data: { status: "RESOLVED", resolvedAt: o.at, resolvedBy: o.actor, resolution } });
    await tx.faultEvent.create({ data: { faultId: open.id, at: o.at, kind: "RESOLVED", actor: o.actor, message: resolution } });
    return [open.id];
  }
  return [];
}
