import { Reason } from "@/lib/audit/reason";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { CheckInput } from "@/lib/checks/check-input";
import { sameCheck, type CheckFields } from "@/lib/checks/check-inherit";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { clientFor } from "@/lib/balancer/client-for";
import { planImport, poolNameFor, type ImportPlan } from "@/lib/balancer/import-diff";
import { readServers } from "@/lib/balancer/read-servers";
import { httpChecksOf } from "@/lib/balancer/haproxy/config-checks";
import type { ImportDiffView } from "@/lib/balancer/views";
import { insertInstance } from "./writes";

export const ImportBody = z
  .strictObject({
    apply: z.boolean({ error: "must be true or false" }).default(false),
    /** The balancer's haproxy.cfg on this machine: its `option httpchk` checks become the instances' checks. */
    configPath: z.string().trim().max(1000).startsWith("/", "must be an absolute path to haproxy.cfg").optional(),
    reason: Reason,
  })
  .refine((b) => !b.apply || (b.reason && b.reason.length > 0), { message: "is required to apply an import", path: ["reason"] });

/**
 * Import a balancer's backends/servers as services/pools/instances (backup servers → STANDBY
 * pool), linked by backend/server name. `apply: false` only previews the diff; applying adds
 * the new servers (their current HAProxy weight/state become the desired state; checked like
 * HAProxy checks them when `configPath` names its haproxy.cfg, over TCP otherwise) and unlinks
 * instances whose server disappeared.
 */
export async function importBalancer(db: Db, ctx: AuditContext, id: string, body: z.infer<typeof ImportBody>): Promise<ImportDiffView> {
  const b = await db.balancer.findUnique({ where: { id } });
  if (!b) throw notFound("balancer");
  const servers = await readServers(clientFor(b));
  const checks = body.configPath ? httpChecksOf(await readConfig(body.configPath)) : new Map<string, CheckInput>();
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
  if (!body.apply) return { ...view(plan, checks), applied: false };
  if (plan.added.length === 0 && plan.removed.length === 0) return { ...view(plan, checks), applied: true };
  const snapshot = new Map(servers.map((s) => [`${s.backend}/${s.server}`, s]));
  return audited(db, ctx, { action: "balancer.import", target: { kind: "balancer", id, name: b.name }, reason: body.reason }, async (tx) => {
    for (const a of plan.added) {
      // A new service takes the backend's `option httpchk` (or TCP) as the check defaults its
      // instances inherit; an existing service keeps its own.
      const backendCheck: CheckFields = checks.get(a.backend) ?? { kind: "TCP" };
      const service = await tx.service.upsert({
        where: { name: a.service },
        create: { name: a.service, description: `Imported from HAProxy ${b.name}`, checkDefaults: backendCheck },
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
      await insertInstance(
        tx,
        pool.id,
        {
          name: a.instance,
          address: a.address,
          weight: s.weight,
          link: { balancerId: id, backend: a.backend, server: a.server },
          // Into a service whose defaults are another check: the backend's check is the instance's own.
          ...(sameCheck(service.checkDefaults as CheckFields, backendCheck) ? {} : { check: backendCheck }),
        },
        s.adminState,
      );
    }
    if (plan.removed.length > 0) {
      await tx.instance.updateMany({
        where: { id: { in: plan.removed.map((r) => r.instanceId) } },
        data: { balancerId: null, drift: false, driftDetail: null, driftSince: null },
      });
    }
    const out = { ...view(plan, checks), applied: true };
    return { value: out, after: { added: plan.added.map((a) => `${a.backend}/${a.server}`), removed: plan.removed.map((r) => `${r.backend}/${r.server}`) } };
  });
}

/** The check an imported instance gets, as the preview shows it. */
function describeCheck(c: CheckInput | undefined): string {
  return c
    ? `${c.method ?? "GET"} ${c.path ?? "/"} → ${(c.expectedStatuses ?? [200]).join("/")}${c.bodyContains ? ` containing "${c.bodyContains}"` : ""}`
    : "TCP connect";
}

async function readConfig(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new AppError("VALIDATION", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, "configPath");
  }
}

const view = (p: ImportPlan, checks: Map<string, CheckInput>) => ({
  added: p.added.map((a) => ({
    backend: a.backend,
    server: a.server,
    address: a.address,
    backup: a.backup,
    service: a.service,
    pool: a.pool,
    check: describeCheck(checks.get(a.backend)),
  })),
  removed: p.removed,
  unchanged: p.unchanged,
});
