import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { applyDesired, instanceBalancerSelect, linked } from "./apply-desired";
import { lockInstanceBalancer } from "./balancer-lock";
import type { Desired } from "./drift";
import type { ServerSnapshot } from "./haproxy/snapshot";

export interface DesiredChange {
  name: string;
  before: Desired;
  after: Desired;
  /** What HAProxy reports after the change (null: not linked to a balancer). */
  actual: ServerSnapshot | null;
}

/**
 * The one way a desired weight/admin state changes (operator, policy, failover step): under the
 * balancer lock, read the current desired state, store the new one and apply it to HAProxy in the
 * same transaction. `autoDrainedAt` records whether the automatic policy owns a drain; `unconfirmed`
 * (the caller's root client) is where a change HAProxy may still run after a timeout is remembered.
 */
export async function setDesired(
  tx: Tx,
  instanceId: string,
  change: Partial<Desired>,
  o: { autoDrainedAt: Date | null; requireLink?: boolean; saveState?: boolean; unconfirmed?: Db },
): Promise<DesiredChange> {
  await lockInstanceBalancer(tx, instanceId);
  const cur = await tx.instance.findUniqueOrThrow({ where: { id: instanceId }, select: instanceBalancerSelect });
  const before: Desired = { weight: cur.desiredWeight, adminState: cur.desiredAdminState };
  const after: Desired = { weight: change.weight ?? before.weight, adminState: change.adminState ?? before.adminState };
  const link = linked(cur);
  if (!link && o.requireLink) throw new AppError("CONFLICT", `${cur.name} is not linked to a balancer`);
  await tx.instance.update({
    where: { id: instanceId },
    data: { desiredWeight: after.weight, desiredAdminState: after.adminState, autoDrainedAt: o.autoDrainedAt },
  });
  const actual = link ? await applyDesired(tx, link, after, { saveState: o.saveState, previous: before, unconfirmed: o.unconfirmed }) : null;
  return { name: cur.name, before, after, actual };
}
