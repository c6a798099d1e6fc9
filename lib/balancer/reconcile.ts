import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";
import { applyDesired, instanceBalancerSelect, linked, observedData } from "./apply-desired";
import { lockInstanceBalancer } from "./balancer-lock";
import { clientFor } from "./client-for";
import { describeDrift } from "./drift";
import { byServer, readServers, serverKey } from "./read-servers";
import { surfacedUnconfirmed } from "./unconfirmed-changes";

const RECONCILER_ACTOR = "reconciler";
const TX_TIMEOUT_MS = 15_000;

export type ReconcileOutcome = { kind: "none" } | { kind: "reapplied" | "adopted"; detail: string } | { kind: "failed"; detail: string; error: string };

/**
 * One instance whose HAProxy state differs from the desired one (changed by hand, or lost on a
 * reload). Under the balancer lock, re-read both sides (an operator change may just have landed),
 * then re-apply the desired state (REAPPLY) or take HAProxy's as the new desired state (ADOPT).
 * A drift that is a change Faultline reported as failed, run late by a HAProxy that had frozen, is
 * re-applied under either policy. Either way it is audited as actor "reconciler" and noted on the instance's open faults; a
 * failed re-apply leaves the drift flag up with HAProxy's words.
 */
export async function reconcileInstance(db: Db, instanceId: string): Promise<ReconcileOutcome> {
  let policy = "REAPPLY" as "REAPPLY" | "ADOPT";
  try {
    return await db.$transaction(
      async (tx) => {
        // Lock first: an operator change that just reached HAProxy must be committed before we read.
        await lockInstanceBalancer(tx, instanceId);
        const cur = await tx.instance.findUniqueOrThrow({
          where: { id: instanceId },
          select: { ...instanceBalancerSelect, drift: true, balancer: { select: { ...instanceBalancerSelect.balancer.select, driftPolicy: true } } },
        });
        const link = linked(cur);
        if (!link || !cur.balancer) return { kind: "none" } as const;
        // The policy as of now (an admin may just have switched it), not as of the observer's pass.
        policy = cur.balancer.driftPolicy;
        const s = byServer(await readServers(clientFor(link.balancer))).get(serverKey(link.haproxyBackend, link.haproxyServer));
        if (!s) return { kind: "none" } as const;
        const desired = { weight: cur.desiredWeight, adminState: cur.desiredAdminState };
        const detail = describeDrift(desired, s);
        if (!detail) {
          // An operator change landed between the observer's read and this lock: nothing drifted.
          if (cur.drift) await tx.instance.update({ where: { id: instanceId }, data: observedData(s, new Date()) });
          return { kind: "none" } as const;
        }
        const actual = { weight: s.weight, adminState: s.adminState };
        // A change Faultline reported as failed, run late by HAProxy: it was never in force by our
        // word, so it is undone whatever the policy says (adopting it would make a refusal true).
        const late = await surfacedUnconfirmed(tx, instanceId, desired, actual);
        const adopt = policy === "ADOPT" && !late;
        if (adopt) {
          await tx.instance.update({
            where: { id: instanceId },
            data: { desiredWeight: s.weight, desiredAdminState: s.adminState, ...observedData(s, new Date()) },
          });
        } else {
          await applyDesired(tx, link, desired);
        }
        const action = adopt ? "instance.drift_adopted" : "instance.drift_reapplied";
        const why = late ? `a change reported as failed surfaced on HAProxy (${detail})` : `HAProxy drifted (${detail})`;
        const message = `${cur.name}: ${why} — ${adopt ? "adopted HAProxy's state" : "re-applied the desired state"}`;
        await writeAudit(tx, {
          actor: RECONCILER_ACTOR,
          action,
          target: { kind: "instance", id: instanceId, name: cur.name },
          reason: late ? `drift: ${detail} (a change reported as failed, run late by HAProxy)` : `drift: ${detail}`,
          before: adopt ? desired : actual,
          after: adopt ? actual : desired,
          result: "OK",
        });
        await noteOnOpenFaults(tx, { instanceId }, { kind: "BALANCER", actor: RECONCILER_ACTOR, message, data: { mirrors: "audit" } });
        return { kind: adopt ? "adopted" : "reapplied", detail } as const;
      },
      { timeout: TX_TIMEOUT_MS, maxWait: TX_TIMEOUT_MS },
    );
  } catch (err) {
    const error = (err as Error).message;
    const now = new Date();
    const row = await db.instance.findUnique({ where: { id: instanceId }, select: { name: true, driftSince: true, driftDetail: true } });
    const detail = `re-apply failed: ${error}`;
    await db.instance
      .update({ where: { id: instanceId }, data: { drift: true, driftDetail: detail, driftSince: row?.driftSince ?? now } })
      .catch(() => undefined);
    // Audited once per distinct failure, not at every retry.
    if (row?.driftDetail !== detail) {
      await writeAudit(db, {
        actor: RECONCILER_ACTOR,
        action: policy === "ADOPT" ? "instance.drift_adopted" : "instance.drift_reapplied",
        target: { kind: "instance", id: instanceId, name: row?.name },
        result: "FAILED",
        error,
      }).catch(() => undefined);
    }
    return { kind: "failed", detail: "re-apply failed", error };
  }
}
