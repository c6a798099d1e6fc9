import type { Tx } from "@/lib/audit/audited";
import type { FaultEventKind } from "@/lib/generated/prisma/client";

/**
 * Put a balancer/failover/policy event on the timeline of every unresolved fault of an instance
 * (and of its service's service-level fault), so an incident review sees what was done meanwhile.
 */
export async function noteOnOpenFaults(
  tx: Tx,
  where: { instanceId: string } | { serviceId: string },
  event: { kind: FaultEventKind; actor: string; message: string; data?: object },
): Promise<string[]> {
  const scope =
    "instanceId" in where
      ? await tx.instance.findUniqueOrThrow({ where: { id: where.instanceId }, select: { id: true, pool: { select: { serviceId: true } } } }).then((i) => ({
          OR: [{ instanceId: i.id }, { serviceId: i.pool.serviceId, instanceId: null }],
        }))
      : { serviceId: where.serviceId };
  const faults = await tx.fault.findMany({ where: { ...scope, status: { not: "RESOLVED" } }, select: { id: true } });
  if (faults.length === 0) return [];
  const at = new Date();
  await tx.faultEvent.createMany({
    data: faults.map((f) => ({ faultId: f.id, at, kind: event.kind, actor: event.actor, message: event.message, data: event.data })),
  });
  return faults.map((f) => f.id);
}
