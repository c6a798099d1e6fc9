import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { clientFor } from "./client-for";
import { changeOrder, describeDrift, type Desired } from "./drift";
import { commands } from "./haproxy/commands";
import { RuntimeApiError, type RuntimeClient } from "./haproxy/runtime-client";
import { haproxyCause, type ServerSnapshot } from "./haproxy/snapshot";
import { saveServerState } from "./haproxy/server-state-file";
import { byServer, readServers, serverKey } from "./read-servers";
import { clearUnconfirmed, recordUnconfirmed } from "./unconfirmed-changes";

/** An instance linked to a HAProxy server. */
export interface LinkedInstance {
  id: string;
  name: string;
  haproxyBackend: string;
  haproxyServer: string;
  balancer: { id: string; runtimeApi: string; serverStateFile: string | null };
}

export const instanceBalancerSelect = {
  id: true,
  name: true,
  haproxyBackend: true,
  haproxyServer: true,
  desiredWeight: true,
  desiredAdminState: true,
  balancer: { select: { id: true, runtimeApi: true, serverStateFile: true } },
} as const;

/** The linked form of an instance row, or null when it is not behind a managed balancer. */
export function linked(i: {
  id: string;
  name: string;
  haproxyBackend: string | null;
  haproxyServer: string | null;
  balancer: LinkedInstance["balancer"] | null;
}): LinkedInstance | null {
  if (!i.balancer || !i.haproxyBackend || !i.haproxyServer) return null;
  return { id: i.id, name: i.name, haproxyBackend: i.haproxyBackend, haproxyServer: i.haproxyServer, balancer: i.balancer };
}

async function findServer(inst: LinkedInstance, snapshot: ServerSnapshot[]): Promise<ServerSnapshot> {
  const s = byServer(snapshot).get(serverKey(inst.haproxyBackend, inst.haproxyServer));
  if (!s) throw new AppError("BAD_GATEWAY", `HAProxy has no server ${inst.haproxyBackend}/${inst.haproxyServer} for ${inst.name} (re-import the balancer)`);
  return s;
}

/**
 * Make HAProxy match the desired weight and admin state of one instance, inside the caller's
 * transaction, which holds the balancer lock (setDesired, the reconciler): send both settings in a no-drop order (HAProxy treats a
 * repeated setting as a no-op, so no read is needed first), read them back, fail with HAProxy's
 * words if they did not stick, and save the server-state file so a reload keeps them (a failover
 * saves once at its end instead). When it fails after a setting went out, `previous` is sent back
 * (best effort) so HAProxy does not keep half of a change the database rolls back.
 *
 * A timeout after a setting went out is ambiguous: HAProxy may have run it, or may run it when it
 * resumes. HAProxy is read once more before answering — showing the change, it is reported as
 * done; otherwise it is reported as failed and, given `unconfirmed` (the caller's root client),
 * remembered so the drift reconciler undoes it if it surfaces later (lib/balancer/unconfirmed-changes).
 */
export async function applyDesired(
  tx: Tx,
  inst: LinkedInstance,
  desired: Desired,
  o: { saveState?: boolean; previous?: Desired; unconfirmed?: Db } = {},
): Promise<ServerSnapshot> {
  const client = clientFor(inst.balancer);
  let sent = false;
  try {
    for (const command of commandsFor(inst, desired)) {
      sent = true;
      await client.set(command);
    }
    const after = await findServer(inst, await readServers(client));
    const left = describeDrift(desired, after);
    if (left) throw new AppError("BAD_GATEWAY", `HAProxy did not keep the change for ${inst.name}: ${left}`);
    return await confirmed(tx, client, inst, after, o.saveState);
  } catch (err) {
    const timedOut = err instanceof RuntimeApiError && err.code === "GATEWAY_TIMEOUT";
    if (sent && timedOut) {
      const again = await readServers(client).then(
        (snap) => findServer(inst, snap),
        () => null,
      );
      if (again && !describeDrift(desired, again)) return await confirmed(tx, client, inst, again, o.saveState);
      if (o.unconfirmed) await recordUnconfirmed(o.unconfirmed, inst.id, desired, err.message);
      // HAProxy answers again but without the change: put back what it had, behind the queued command.
      if (again && o.previous) await restore(client, inst, o.previous);
      throw err;
    }
    // Worth restoring only if HAProxy still answers (a hung or gone HAProxy would only add timeouts).
    const answering = !(err instanceof RuntimeApiError) || err.answered;
    if (sent && o.previous && answering) await restore(client, inst, o.previous);
    throw err;
  }
}

/** HAProxy was read back showing the change: record what it reports, and make it survive a reload. */
async function confirmed(tx: Tx, client: RuntimeClient, inst: LinkedInstance, after: ServerSnapshot, saveState?: boolean): Promise<ServerSnapshot> {
  if (saveState !== false) await persistState(client, inst.balancer.serverStateFile);
  await tx.instance.update({ where: { id: inst.id }, data: observedData(after, new Date()) });
  await clearUnconfirmed(tx, inst.id);
  return after;
}

async function restore(client: RuntimeClient, inst: LinkedInstance, previous: Desired): Promise<void> {
  for (const command of commandsFor(inst, previous)) await client.set(command).catch(() => undefined);
}

function commandsFor(inst: LinkedInstance, d: Desired): string[] {
  return changeOrder(d).map((what) =>
    what === "weight"
      ? commands.setWeight(inst.haproxyBackend, inst.haproxyServer, d.weight)
      : commands.setState(inst.haproxyBackend, inst.haproxyServer, d.adminState),
  );
}

/** Instance columns that record what HAProxy reports (the observer writes the same ones). */
export function observedData(s: ServerSnapshot, at: Date) {
  return {
    observedWeight: s.weight,
    observedAdminState: s.adminState,
    haproxyStatus: s.status,
    haproxyCheck: s.checkStatus ? haproxyCause(s) : null,
    haproxySeenAt: at,
    drift: false,
    driftDetail: null,
    driftSince: null,
  };
}

/** Save HAProxy's server-state file; a failure is logged, not fatal (the change is live). */
export async function persistState(client: RuntimeClient, file: string | null): Promise<void> {
  if (!file) return;
  try {
    await saveServerState(client, file);
  } catch (err) {
    // The change is live; only reload-safety is at risk. Loud, but not a failed action.
    log.warn({ err: (err as Error).message, file }, "could not write HAProxy's server-state file");
  }
}
