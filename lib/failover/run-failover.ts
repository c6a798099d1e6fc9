import { applyDesired, instanceBalancerSelect, linked, persistState } from "@/lib/balancer/apply-desired";
import { lockInstanceBalancer } from "@/lib/balancer/balancer-lock";
import { clientFor } from "@/lib/balancer/client-for";
import type { Desired } from "@/lib/balancer/drift";
import { byServer, readServers } from "@/lib/balancer/read-servers";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";
import { evaluateServiceFault } from "@/lib/faults/service-fault";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { rollbackOf } from "./plan";
import type { StoredStep } from "./stored-steps";
import { checkFailover, type VerifyTarget } from "./verify";

export interface RunOptions {
  /** How long HAProxy may take to show the target serving and the source drained. */
  verifyTimeoutMs?: number;
}

const STEP_TX_TIMEOUT_MS = 15_000;

/** Set one instance's desired state and apply it to HAProxy, atomically (the failover's unit). */
async function applyStep(db: Db, instanceId: string, desired: Desired): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await lockInstanceBalancer(tx, instanceId);
      const cur = await tx.instance.findUniqueOrThrow({ where: { id: instanceId }, select: instanceBalancerSelect });
      const link = linked(cur);
      if (!link) throw new AppError("CONFLICT", `${cur.name} is not linked to a balancer`);
      await tx.instance.update({ where: { id: instanceId }, data: { desiredWeight: desired.weight, desiredAdminState: desired.adminState, autoDrainedAt: null } });
      await applyDesired(tx, link, desired, { saveState: false });
    },
    { timeout: STEP_TX_TIMEOUT_MS, maxWait: STEP_TX_TIMEOUT_MS },
  );
}

async function verify(db: Db, steps: StoredStep[], timeoutMs: number): Promise<string> {
  const ids = steps.flatMap((s) => (s.instanceId ? [s.instanceId] : []));
  const rows = await db.instance.findMany({ where: { id: { in: ids } }, select: instanceBalancerSelect });
  const links = new Map(rows.map((r) => [r.id, linked(r)]));
  // Only what comes before the VERIFY step is being verified (re-arming backups comes after).
  const before = steps.slice(0, steps.findIndex((s) => s.kind === "VERIFY"));
  const target = (kind: "READY" | "DRAIN"): VerifyTarget[] =>
    before.flatMap((s) => {
      const l = s.kind === kind && s.instanceId ? links.get(s.instanceId) : null;
      return l ? [{ name: l.name, backend: l.haproxyBackend, server: l.haproxyServer }] : [];
    });
  const [targets, drained] = [target("READY"), target("DRAIN")];
  const balancer = [...links.values()].find((l) => l)?.balancer;
  if (!balancer) throw new AppError("CONFLICT", "no instance of this failover is linked to a balancer");
  const client = clientFor(balancer);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = checkFailover(byServer(await readServers(client)), targets, drained);
    if (result.ok) return result.message;
    if (Date.now() >= deadline) throw new AppError("BAD_GATEWAY", `verification failed after ${timeoutMs} ms: ${result.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Execute a PENDING failover step by step, recording each step's timing as it goes (the UI polls
 * it): bring the target up, drain the source, verify on HAProxy. On success the pools swap
 * roles; on a failed step every applied step is undone in reverse (ROLLED_BACK), or FAILED if
 * even that fails. Never throws: the outcome is in the row, the audit log and the fault timeline.
 */
export async function runFailover(db: Db, id: string, o: RunOptions = {}): Promise<void> {
  const f = await db.failover.update({ where: { id }, data: { state: "APPLYING", startedAt: new Date() }, include: { fromPool: true, toPool: true, service: true } });
  const steps = f.steps as unknown as StoredStep[];
  const save = () => db.failover.update({ where: { id }, data: { steps: steps as unknown as Prisma.InputJsonValue } });
  const applied: StoredStep[] = [];
  let failure: string | null = null;
  let verified = false;
  let afterVerify: string | null = null;
  for (const step of steps) {
    step.state = "RUNNING";
    step.startedAt = new Date().toISOString();
    await save();
    try {
      if (step.kind === "VERIFY") step.message = await verify(db, steps, o.verifyTimeoutMs ?? 5_000);
      else await applyStep(db, step.instanceId, step.to);
      step.state = "OK";
      applied.push(step);
      if (step.kind === "VERIFY") verified = true;
    } catch (err) {
      step.state = "FAILED";
      step.message = (err as Error).message;
      // After verification traffic has moved: a failed follow-up is reported, not rolled back.
      if (verified) afterVerify = `${step.name}: ${(err as Error).message}`;
      else failure = `${step.name}: ${(err as Error).message}`;
    }
    step.finishedAt = new Date().toISOString();
    await save();
    if (failure) break;
  }
  if (failure) {
    for (const s of steps) if (s.state === "PENDING") s.state = "SKIPPED";
    let rollbackFailed = false;
    for (const undo of rollbackOf(applied)) {
      const stored = undo as StoredStep;
      try {
        await applyStep(db, undo.instanceId, undo.before);
        stored.state = "ROLLED_BACK";
        stored.message = `restored ${undo.before.adminState} at weight ${undo.before.weight}`;
      } catch (err) {
        rollbackFailed = true;
        stored.message = `rollback failed: ${(err as Error).message}`;
      }
      await save();
    }
    await saveStateOnce(db, steps);
    await finish(db, f, rollbackFailed || applied.length === 0 ? "FAILED" : "ROLLED_BACK", failure);
  } else {
    await saveStateOnce(db, steps);
    await finish(db, f, "VERIFIED", afterVerify);
  }
}

/** Steps skip the server-state file; it is written once when the failover (or its rollback) is done. */
async function saveStateOnce(db: Db, steps: StoredStep[]): Promise<void> {
  await saveState(db, steps).catch((err) => log.warn({ err: (err as Error).message }, "could not save HAProxy's server state after a failover"));
}

async function saveState(db: Db, steps: StoredStep[]): Promise<void> {
  const first = steps.find((s) => s.instanceId);
  if (!first?.instanceId) return;
  const row = await db.instance.findUnique({ where: { id: first.instanceId }, select: instanceBalancerSelect });
  const link = row && linked(row);
  if (link) await persistState(clientFor(link.balancer), link.balancer.serverStateFile);
}

type Loaded = Prisma.FailoverGetPayload<{ include: { fromPool: true; toPool: true; service: true } }>;

async function finish(db: Db, f: Loaded, state: "VERIFIED" | "FAILED" | "ROLLED_BACK", error: string | null): Promise<void> {
  const now = new Date();
  const verb = f.kind === "FAILBACK" ? "Fail-back" : "Failover";
  const summary =
    state === "VERIFIED"
      ? `${verb} ${f.fromPool.name} → ${f.toPool.name} verified in ${now.getTime() - f.createdAt.getTime()} ms (${f.actor}: ${f.reason})`
      : `${verb} ${f.fromPool.name} → ${f.toPool.name} ${state === "ROLLED_BACK" ? "rolled back" : "failed"}: ${error}`;
  try {
    await db.$transaction(async (tx) => {
      await tx.failover.update({ where: { id: f.id }, data: { state, error, finishedAt: now } });
      if (state === "VERIFIED") {
        // The pools swap roles: the target is now ACTIVE, the source its standby.
        await tx.pool.update({ where: { id: f.fromPoolId }, data: { role: "STANDBY" } });
        await tx.pool.update({ where: { id: f.toPoolId }, data: { role: "ACTIVE" } });
      }
      await noteOnOpenFaults(tx, { serviceId: f.serviceId }, { kind: "FAILOVER", actor: f.actor, message: summary, data: { failoverId: f.id, state } });
      await tx.auditEntry.create({
        data: {
          actor: f.actor,
          action: `service.${f.kind.toLowerCase()}.finished`,
          target: `service:${f.service.name}`,
          reason: f.reason,
          after: { failoverId: f.id, state, from: f.fromPool.name, to: f.toPool.name },
          result: state === "VERIFIED" ? "OK" : "FAILED",
          error,
        },
      });
      if (state === "VERIFIED") {
        const inMaintenance = (await tx.maintenanceWindow.count({ where: { serviceId: f.serviceId, cancelledAt: null, startsAt: { lte: now }, endsAt: { gt: now } } })) > 0;
        await evaluateServiceFault(tx, { serviceId: f.serviceId, at: now, actor: "failover", inMaintenance });
      }
    });
  } catch (err) {
    log.error({ err: (err as Error).message, failover: f.id }, "could not record the end of a failover");
    await db.failover.update({ where: { id: f.id }, data: { state: "FAILED", error: `recording the outcome failed: ${(err as Error).message}`, finishedAt: now } }).catch(() => undefined);
  }
}
