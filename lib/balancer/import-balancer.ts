import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { clientFor } from "./client-for";
import { planImport, poolNameFor, type ImportPlan } from "./import-diff";
import { readServers } from "./read-servers";
import type { ImportDiffView } from "./views";

export const ImportBody = z
  .strictObject({
    apply: z.boolean({ error: "must be true or false" }).default(false),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => !b.apply || (b.reason && b.reason.length > 0), { message: "is required to apply an import", path: ["reason"] });

/**
 * Import a balancer's backends/servers as services/pools/instances (backup servers → STANDBY
 * pool), linked by backend/server name. `apply: false` only previews the diff; applying adds
 * the new servers (their current HAProxy weight/state become the desired state; polled over
 * TCP until someone sets an HTTP check) and unlinks instances whose server disappeared.
 */
export async function importBalancer(ctx: AuditContext, db: Db, id: string, body: z.infer<typeof ImportBody>): Promise<ImportDiffView> {
  const b = await db.balancer.findUnique({ where: { id } });
  if (!b) throw notFound("balancer");
  const servers = await readServers(clientFor(b));
  const [linkedRows, names, services] = await Promise.all([
    db.instance.findMany({ where: { balancerId: id }, select: { id: true, name: true, haproxyBackend: true, haproxyServer: true } }),
    db.instance.findMany({ select: { name: true } }),
    db.service.findMany({
      where: { name: { in: [...new Set(servers.map((s) => s.backend))] } },
      select: { name: true, pools: { select: { name: true, role: true, priority: true } } },
    }),
  ]);
  const poolOf = (backend: string, backup: boolean) => {
    const existing = services
      .find((s) => s.name === backend)
      ?.pools.filter((p) => p.role === (backup ? "STANDBY" : "ACTIVE"))
      .sort((x, y) => x.priority - y.priority)[0];
    return existing?.name ?? poolNameFor(backend, backup);
  };
  const plan = planImport(
    servers,
    linkedRows.map((r) => ({ instanceId: r.id, instance: r.name, backend: r.haproxyBackend ?? "", server: r.haproxyServer ?? "" })),
    new Set(names.map((n) => n.name)),
    poolOf,
  );
  if (!body.apply) return { ...view(plan), applied: false };
  if (plan.added.length === 0 && plan.removed.length === 0) return { ...view(plan), applied: true };
  const snapshot = new Map(servers.map((s) => [`${s.backend}/${s.server}`, s]));
  return audited(ctx, { action: "balancer.import", target: `balancer:${b.name}`, reason: body.reason }, async (tx) => {
    for (const a of plan.added) {
      const service = await tx.service.upsert({
        where: { name: a.service },
        create: { name: a.service, description: `Imported from HAProxy ${b.name}` },
        update: {},
      });
      const role = a.backup ? "STANDBY" : "ACTIVE";
      const pool = await tx.pool.upsert({
        where: { serviceId_name: { serviceId: service.id, name: a.pool } },
        create: { serviceId: service.id, name: a.pool, role },
        update: {},
      });
      const s = snapshot.get(`${a.backend}/${a.server}`)!;
      if (!/^[^\s:]+:\d+$/.test(a.address))
        throw new AppError("BAD_GATEWAY", `HAProxy server ${a.backend}/${a.server} has no host:port address (${a.address || "empty"})`);
      await tx.instance.create({
        data: {
          name: a.instance,
          address: a.address,
          poolId: pool.id,
          checkKind: "TCP",
          balancerId: id,
          haproxyBackend: a.backend,
          haproxyServer: a.server,
          desiredWeight: s.weight,
          desiredAdminState: s.adminState,
        },
      });
    }
    if (plan.removed.length > 0) {
      await tx.instance.updateMany({
        where: { id: { in: plan.removed.map((r) => r.instanceId) } },
        data: { balancerId: null, drift: false, driftDetail: null, driftSince: null },
      });
    }
    const out = { ...view(plan), applied: true };
    return { value: out, after: { added: plan.added.map((a) => `${a.backend}/${a.server}`), removed: plan.removed.map((r) => `${r.backend}/${r.server}`) } };
  });
}

const view = (p: ImportPlan) => ({
  added: p.added.map((a) => ({ backend: a.backend, server: a.server, address: a.address, backup: a.backup, service: a.service, pool: a.pool })),
  removed: p.removed,
  unchanged: p.unchanged,
});
