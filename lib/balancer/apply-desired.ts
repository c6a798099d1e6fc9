import type { Tx } from "@/lib/audit/audited";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { clientFor } from "./client-for";
import { changeOrder, describeDrift, type Desired } from "./drift";
import { commands } from "./haproxy/commands";
import { RuntimeApiError } from "./haproxy/runtime-client";
import { haproxyCause, type ServerSnapshot } from "./haproxy/snapshot";
import { saveServerState } from "./haproxy/server-state-file";
import { byServer, readServers, serverKey } from "./read-servers";

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
 */
export async function applyDesired(
  tx: Tx,
  inst: LinkedInstance,
  desired: Desired,
  o: { saveState?: boolean; previous?: Desired } = {},
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
    if (o.saveState !== false) await persistState(client, inst.balancer.serverStateFile);
    await tx.instance.update({ where: { id: inst.id }, data: observedData(after, new Date()) });
    return after;
  } catch (err) {
    // Worth restoring only if HAProxy still answers (a hung or gone HAProxy would only add timeouts).
    const answering = !(err instanceof RuntimeApiError) || err.answered;
    if (sent && o.previous && answering) {
      for (const command of commandsFor(inst, o.previous)) await client.set(command).catch(() => undefined);
    }
    throw err;
  }
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
export async function persistState(client: ReturnType<typeof clientFor>, file: string | null): Promise<void> {
  if (!file) return;
  try {
    await saveServerState(client, file);
  } catch (err) {
    // The change is live; only reload-safety is at risk. Loud, but not a failed action.
    log.warn({ err: (err as Error).message, file }, "could not write HAProxy's server-state file");
  }
}
