import { writeAudit } from "@/lib/audit/write-audit";
import { instanceBalancerSelect, linked, persistState } from "@/lib/balancer/apply-desired";
import { balancerTxTimeoutMs, clientFor } from "@/lib/balancer/client-for";
import type { Desired } from "@/lib/balancer/drift";
import { setDesired } from "@/lib/balancer/set-desired";
import { byServer, readServers } from "@/lib/balancer/read-servers";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { noteOnOpenFaults } from "@/lib/faults/note-on-open-faults";
import { evaluateServiceFault } from "@/lib/faults/service-fault";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { rollbackOf } from "./plan";
import { RUNNING_FAILOVER } from "./running-failover";
import type { StoredStep } from "./stored-steps";
import { checkFailover, drainWouldStrand, type VerifyTarget } from "./verify";

export interface RunOptions {
  /** How long HAProxy may take to show the target serving and the source drained. */
  verifyTimeoutMs?: number;
}

/**
 * Set one instance's desired state and apply it to HAProxy, atomically (the failover's unit).
 * Returns the state it replaced, read under the balancer lock: what a rollback restores.
 */
export async function applyStep(db: Db, instanceId: string, desired: Desired): Promise<Desired> {
  const ms = balancerTxTimeoutMs();
  const change = await db.$transaction(
    (tx) => setDesired(tx, instanceId, desired, { autoDrainedAt: null, requireLink: true, saveState: false, unconfirmed: db }),
    {
      timeout: ms,
      maxWait: ms,
    },
  );
  return change.before;
}

/** The runner lost its failover: it was swept as interrupted (see sweep-failovers.ts). */
class Superseded extends Error {}

async function verify(db: Db, steps: StoredStep[], timeoutMs: number): Promise<string> {
  const ids = steps.flatMap((s) => (s.instanceId ? [s.instanceId] : []));
  const rows = await db.instance.findMany({ where: { id: { in: ids } }, select: instanceBalancerSelect });
  const links = new Map(rows.map((r) => [r.id, linked(r)]));
  // Only what comes before the VERIFY step is being verified (re-arming backups comes after).
  const before = steps.slice(
    0,
    steps.findIndex((s) => s.kind === "VERIFY"),
  );
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
 * Refuse a drain step that would leave the service with no healthy serving server on HAProxy,
 * whatever the plan said: the state may have moved since it was made (a target went down, an
 * earlier move was interrupted). A target just readied may need a moment to show as serving, so
 * this waits up to `timeoutMs` before refusing; the refusal fails the step and rolls back.
 */
async function guardDrain(db: Db, serviceId: string, instanceId: string, timeoutMs: number): Promise<void> {
  const rows = await db.instance.findMany({ where: { pool: { serviceId } }, select: instanceBalancerSelect });
  const links = rows.flatMap((r) => {
    const l = linked(r);
    return l ? [l] : [];
  });
  const draining = links.find((l) => l.id === instanceId);
  if (!draining) return; // applyStep refuses an unlinked instance with its own words
  const target = (l: (typeof links)[number]): VerifyTarget => ({ name: l.name, backend: l.haproxyBackend, server: l.haproxyServer });
  const service = links.filter((l) => l.balancer.id === draining.balancer.id).map(target);
  const client = clientFor(draining.balancer);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = drainWouldStrand(byServer(await readServers(client)), target(draining), service);
    if (!why) return;
    if (Date.now() >= deadline) throw new AppError("CONFLICT", why);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Execute a PENDING failover step by step, recording each step's timing as it goes (the UI polls
 * it) with a heartbeat: bring the target up, drain the source, verify on HAProxy, then re-arm
 * backup servers. On success the pools swap roles; when a step fails before verification every
 * step it touched is undone in reverse with the state it replaced (ROLLED_BACK), or FAILED if even
 * that fails. Never throws: the outcome is in the row, the audit log and the fault timeline. If
 * the failover was swept as interrupted meanwhile, the runner stops without touching anything.
 */
export async function runFailover(db: Db, id: string, o: RunOptions = {}): Promise<void> {
  try {
    await run(db, id, o);
  } catch (err) {
    if (err instanceof Superseded) log.warn({ failover: id }, "failover runner stopped: the failover was marked interrupted");
    else throw err;
  }
}

async function run(db: Db, id: string, o: RunOptions): Promise<void> {
  const now = new Date();
  const claimed = await db.failover.updateMany({ where: { id, state: "PENDING" }, data: { state: "APPLYING", startedAt: now, heartbeatAt: now } });
  if (claimed.count === 0) throw new Superseded();
  const f = await db.failover.findUniqueOrThrow({ where: { id }, include: failoverInclude });
  const steps = f.steps as unknown as StoredStep[];
  // Every write is conditional on the failover still being ours (APPLYING).
  const save = async () => {
    const n = await db.failover.updateMany({
      where: { id, state: "APPLYING" },
      data: { steps: steps as unknown as Prisma.InputJsonValue, heartbeatAt: new Date() },
    });
    if (n.count === 0) throw new Superseded();
  };
  const touched: StoredStep[] = [];
  let failure: string | null = null;
  let verified = false;
  let afterVerify: string | null = null;
  for (const step of steps) {
    step.state = "RUNNING";
    step.startedAt = new Date().toISOString();
    await save();
    try {
      if (step.kind === "VERIFY") step.message = await verify(db, steps, o.verifyTimeoutMs ?? 5_000);
      else {
        if (step.kind === "DRAIN") await guardDrain(db, f.serviceId, step.instanceId, o.verifyTimeoutMs ?? 5_000);
        touched.push(step);
        // What this step replaced, as found under the lock, is what a rollback puts back.
        step.before = await applyStep(db, step.instanceId, step.to);
      }
      step.state = "OK";
      if (step.kind === "VERIFY") verified = true;
    } catch (err) {
      if (err instanceof Superseded) throw err;
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
    // The failed step too: HAProxy may have taken part of it before the error.
    for (const undo of rollbackOf(touched)) {
      const stored = undo as StoredStep;
      try {
        await applyStep(db, undo.instanceId, undo.before);
        if (stored.state === "OK") stored.state = "ROLLED_BACK";
        stored.message = `${stored.state === "FAILED" ? `${stored.message}; ` : ""}restored ${undo.before.adminState} at weight ${undo.before.weight}`;
      } catch (err) {
        // Restoring the step that failed is best effort (what broke it may still be broken).
        if (stored.state === "FAILED") stored.message = `${stored.message}; not restored: ${(err as Error).message}`;
        else {
          rollbackFailed = true;
          stored.message = `rollback failed: ${(err as Error).message}`;
        }
      }
      await save();
    }
    await saveStateOnce(db, steps);
    const anyApplied = touched.some((s) => (s as StoredStep).state === "ROLLED_BACK");
    await finish(db, f, rollbackFailed || !anyApplied ? "FAILED" : "ROLLED_BACK", failure);
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

export const failoverInclude = { fromPool: true, toPool: true, service: true } as const;
export type LoadedFailover = Prisma.FailoverGetPayload<{ include: typeof failoverInclude }>;
type Loaded = LoadedFailover;

/**
 * Record how a failover the runner no longer drives ended (the sweep's entry point): false when
 * it was not running any more (another process recorded it first).
 */
export async function recordOutcome(db: Db, f: Loaded, state: "VERIFIED" | "FAILED" | "ROLLED_BACK", error: string | null): Promise<boolean> {
  try {
    await finish(db, f, state, error);
    return true;
  } catch (err) {
    if (err instanceof Superseded) return false;
    throw err;
  }
}

async function finish(db: Db, f: Loaded, state: "VERIFIED" | "FAILED" | "ROLLED_BACK", error: string | null): Promise<void> {
  const now = new Date();
  const verb = f.kind === "FAILBACK" ? "Fail-back" : "Failover";
  const summary =
    state === "VERIFIED"
      ? `${verb} ${f.fromPool.name} → ${f.toPool.name} verified in ${now.getTime() - f.createdAt.getTime()} ms (${f.actor}: ${f.reason})`
      : `${verb} ${f.fromPool.name} → ${f.toPool.name} ${state === "ROLLED_BACK" ? "rolled back" : "failed"}: ${error}`;
  try {
    await db.$transaction(async (tx) => {
      const mine = await tx.failover.updateMany({ where: { id: f.id, ...RUNNING_FAILOVER }, data: { state, error, finishedAt: now, heartbeatAt: now } });
      if (mine.count === 0) throw new Superseded();
      if (state === "VERIFIED") {
        // The pools swap roles: the target is now ACTIVE, the source its standby.
        await tx.pool.update({ where: { id: f.fromPoolId }, data: { role: "STANDBY" } });
        await tx.pool.update({ where: { id: f.toPoolId }, data: { role: "ACTIVE" } });
        // Drains the policy made in the old active pool are the failover's now: never auto-undrained.
        await tx.instance.updateMany({ where: { poolId: f.fromPoolId }, data: { autoDrainedAt: null } });
      }
      await noteOnOpenFaults(
        tx,
        { serviceId: f.serviceId },
        { kind: "FAILOVER", actor: f.actor, message: summary, data: { failoverId: f.id, state, mirrors: "failover" } },
      );
      await writeAudit(tx, {
        actor: f.actor,
        action: f.kind === "FAILBACK" ? "service.failback.finished" : "service.failover.finished",
        target: { kind: "service", id: f.serviceId, name: f.service.name },
        reason: f.reason,
        after: { failoverId: f.id, state, from: f.fromPool.name, to: f.toPool.name },
        result: state === "VERIFIED" ? "OK" : "FAILED",
        error,
      });
      if (state === "VERIFIED") {
        const inMaintenance =
          (await tx.maintenanceWindow.count({ where: { serviceId: f.serviceId, cancelledAt: null, startsAt: { lte: now }, endsAt: { gt: now } } })) > 0;
        await evaluateServiceFault(tx, { serviceId: f.serviceId, at: now, actor: "failover", inMaintenance });
      }
    });
  } catch (err) {
    if (err instanceof Superseded) throw err;
    log.error({ err: (err as Error).message, failover: f.id }, "could not record the end of a failover");
    await db.failover
      .updateMany({
        where: { id: f.id, ...RUNNING_FAILOVER },
        data: { state: "FAILED", error: `recording the outcome failed: ${(err as Error).message}`, finishedAt: now },
      })
      .catch(() => undefined);
  }
}
