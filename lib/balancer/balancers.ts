import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { ListPage } from "@/lib/db/cursor";
import type { Balancer } from "@/lib/generated/prisma/client";
import { RuntimeAddressField } from "./haproxy/runtime-address";
import type { BalancerView } from "./views";

const StateFile = z
  .string()
  .trim()
  .refine((v) => v === "" || v.startsWith("/"), "must be an absolute path (the one in HAProxy's server-state-file)")
  .transform((v) => (v === "" ? null : v))
  .nullable();

export const NewBalancerBody = z.strictObject({
  name: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(80)
    .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, . _ - only"),
  runtimeApi: RuntimeAddressField,
  serverStateFile: StateFile.optional(),
  driftPolicy: z.enum(["REAPPLY", "ADOPT"], { error: "must be REAPPLY or ADOPT" }).default("REAPPLY"),
  reason: z.string().trim().max(500).optional(),
});

export const BalancerPatch = z.strictObject({
  runtimeApi: RuntimeAddressField.optional(),
  serverStateFile: StateFile.optional(),
  driftPolicy: z.enum(["REAPPLY", "ADOPT"], { error: "must be REAPPLY or ADOPT" }).optional(),
  reason: z.string({ error: "is required" }).trim().min(1, "is required").max(500),
});

export const toBalancerView = (b: Balancer & { _count: { instances: number } }): BalancerView => ({
  id: b.id,
  name: b.name,
  kind: b.kind,
  runtimeApi: b.runtimeApi,
  driftPolicy: b.driftPolicy,
  serverStateFile: b.serverStateFile,
  status: b.status,
  statusMessage: b.statusMessage,
  lastSyncAt: b.lastSyncAt?.toISOString() ?? null,
  instances: b._count.instances,
  createdAt: b.createdAt.toISOString(),
});

const withCount = { _count: { select: { instances: true } } } as const;

export async function listBalancers(db: Db): Promise<ListPage<BalancerView>> {
  const rows = await db.balancer.findMany({ orderBy: { name: "asc" }, include: withCount });
  return { items: rows.map(toBalancerView), nextCursor: null };
}

export async function createBalancer(ctx: AuditContext, body: z.infer<typeof NewBalancerBody>): Promise<BalancerView> {
  return audited(ctx, { action: "balancer.create", target: `balancer:${body.name}`, reason: body.reason }, async (tx) => {
    if (await tx.balancer.findUnique({ where: { name: body.name } })) throw new AppError("CONFLICT", `a balancer named ${body.name} exists`, "name");
    const b = await tx.balancer.create({
      data: { name: body.name, runtimeApi: body.runtimeApi, serverStateFile: body.serverStateFile ?? null, driftPolicy: body.driftPolicy },
      include: withCount,
    });
    const view = toBalancerView(b);
    return { value: view, after: view };
  });
}

export async function updateBalancer(ctx: AuditContext, db: Db, id: string, patch: z.infer<typeof BalancerPatch>): Promise<BalancerView> {
  const found = await db.balancer.findUnique({ where: { id } });
  if (!found) throw notFound("balancer");
  const { reason, ...changes } = patch;
  return audited(ctx, { action: "balancer.update", target: `balancer:${found.name}`, reason }, async (tx) => {
    const before = toBalancerView(await tx.balancer.findUniqueOrThrow({ where: { id }, include: withCount }));
    const after = toBalancerView(await tx.balancer.update({ where: { id }, data: changes, include: withCount }));
    return { value: after, before, after };
  });
}

/** Remove a balancer: its instances stay (history), unlinked from it. */
export async function deleteBalancer(ctx: AuditContext, db: Db, id: string, reason: string): Promise<{ id: string; unlinked: number }> {
  const found = await db.balancer.findUnique({ where: { id } });
  if (!found) throw notFound("balancer");
  return audited(ctx, { action: "balancer.delete", target: `balancer:${found.name}`, reason }, async (tx) => {
    const unlinked = await tx.instance.updateMany({ where: { balancerId: id }, data: { balancerId: null } });
    await tx.balancer.delete({ where: { id } });
    return { value: { id, unlinked: unlinked.count }, before: { name: found.name, runtimeApi: found.runtimeApi } };
  });
}
