import { systemActor } from "@/lib/auth/actor";
import type { AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { startFailover } from "@/lib/failover/start-failover";
import { fingerprints } from "@/lib/faults/fingerprint";
import { activeMaintenance } from "@/lib/maintenance/active-maintenance";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";
import { updateInstance } from "@/lib/services/update-instance";
import { log } from "@/lib/log";
import { decideAutoDrain } from "./auto-drain";
import { decideAutoFailover } from "./auto-failover";
import type { AdminState, Health, PoolRole } from "@/lib/status/vocabulary";
import { UNRESOLVED } from "@/lib/faults/unresolved";
import { runningFailoverOf } from "@/lib/failover/running-failover";

const ctx: AuditContext = { actor: systemActor("policy"), requestId: null, clientIp: null };

/**
 * One pass of the automatic policy over services that opted in: auto-drain/undrain and
 * auto-failover. Actions go through the same audited paths as an operator's, as actor "policy",
 * and land on the fault timeline. A refusal (pre-flight) is noted once per service fault.
 */
export function createPolicyRunner(db: Db): () => Promise<void> {
  const refusedFor = new Set<string>();
  const backoff = new Map<string, number>();
  return async function runPolicy(): Promise<void> {
    const now = new Date();
    const services = await db.service.findMany({
      where: { OR: [{ autoDrain: true }, { autoFailover: true }] },
      include: {
        pools: {
          include: {
            instances: {
              where: { enabled: true },
              select: { id: true, name: true, observedHealth: true, desiredAdminState: true, autoDrainedAt: true, balancerId: true },
            },
          },
        },
      },
    });
    if (services.length === 0) return;
    const maintenance = await activeMaintenance(db, now);
    for (const s of services) {
      try {
        const running = (await runningFailoverOf(db, s.id)) !== null;
        // While a failover runs its steps own the instances; drains wait for it to finish.
        if (s.autoDrain && !running) await drainPass(db, s, maintenance, backoff);
        if (s.autoFailover) await failoverPass(db, s, now, refusedFor, running);
      } catch (err) {
        log.warn({ service: s.name, err: (err as Error).message }, "automatic policy action failed");
      }
    }
  };
}

type ServiceRow = Awaited<ReturnType<Db["service"]["findMany"]>>[number] & {
  pools: Array<{
    role: PoolRole;
    instances: Array<{
      id: string;
      name: string;
      observedHealth: Health;
      desiredAdminState: AdminState;
      autoDrainedAt: Date | null;
      balancerId: string | null;
    }>;
  }>;
};

/** After a failed automatic drain/undrain, that instance is left alone this long (no audit flood). */
const RETRY_AFTER_FAILURE_MS = 30_000;

async function drainPass(db: Db, s: ServiceRow, maintenance: Awaited<ReturnType<typeof activeMaintenance>>, backoff: Map<string, number>): Promise<void> {
  // Only the ACTIVE pool: a standby pool's drains belong to failovers (undraining one there
  // would pull traffic back from a failed-over service).
  for (const pool of s.pools.filter((p) => p.role === "ACTIVE")) {
    const decision = decideAutoDrain(
      pool.instances.map((i) => ({
        id: i.id,
        name: i.name,
        health: i.observedHealth,
        adminState: i.desiredAdminState,
        autoDrained: i.autoDrainedAt !== null,
        inMaintenance: maintenance.services.has(s.id) || maintenance.instances.has(i.id),
      })),
      s.maxAutoDrainPct,
    );
    const name = (id: string) => pool.instances.find((i) => i.id === id)!.name;
    const act = async (id: string, adminState: "DRAIN" | "READY", reason: string, action: "instance.auto_drain" | "instance.auto_undrain") => {
      if ((backoff.get(id) ?? 0) > Date.now()) return;
      try {
        await updateInstance(db, ctx, id, { adminState, reason }, action);
        backoff.delete(id);
      } catch (err) {
        backoff.set(id, Date.now() + RETRY_AFTER_FAILURE_MS);
        log.warn({ instance: name(id), err: (err as Error).message }, `${action} failed; retrying in ${RETRY_AFTER_FAILURE_MS / 1000} s`);
      }
    };
    for (const id of decision.drain)
      await act(id, "DRAIN", `automatic: ${name(id)} is DOWN (auto-drain, at most ${s.maxAutoDrainPct} % of the pool)`, "instance.auto_drain");
    for (const id of decision.undrain) await act(id, "READY", `automatic: ${name(id)} recovered (UP after its rise threshold)`, "instance.auto_undrain");
  }
}

async function failoverPass(db: Db, s: ServiceRow, now: Date, refusedFor: Set<string>, running: boolean): Promise<void> {
  const [fault, last] = await Promise.all([
    // The active pool serves nothing: an outage (SERVICE_DOWN) or HAProxy's backups serving (SERVICE_DEGRADED).
    db.fault.findFirst({
      where: { fingerprint: { in: fingerprints.serviceLevel(s.id) }, ...UNRESOLVED },
      orderBy: { detectedAt: "asc" },
      select: { id: true, detectedAt: true },
    }),
    db.failover.findFirst({ where: { serviceId: s.id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const decision = decideAutoFailover(
    {
      enabled: s.autoFailover,
      afterSec: s.autoFailoverAfterSec,
      cooldownSec: s.failoverCooldownSec,
      downSince: fault?.detectedAt ?? null,
      lastFailoverAt: last?.createdAt ?? null,
      running,
    },
    now,
  );
  if (!decision.go || !fault) return;
  try {
    // Keyed by the service fault: one automatic failover per outage, whatever the replicas do.
    await startFailover(db, ctx, s.id, "FAILOVER", { reason: `automatic: ${decision.why}` }, `auto:${fault.id}`, "AUTOMATIC");
    refusedFor.delete(fault.id);
  } catch (err) {
    if (refusedFor.has(fault.id)) return;
    refusedFor.add(fault.id);
    await db.$transaction((tx) =>
      noteOnOpenFaults(tx, { serviceId: s.id }, { kind: "POLICY", actor: "policy", message: `Automatic failover not started: ${(err as Error).message}` }),
    );
  }
}
