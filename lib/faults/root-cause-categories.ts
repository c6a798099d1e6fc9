import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { Reason } from "@/lib/audit/reason";

/** Names are stable keys stored on faults (lower-case words); labels are what people read. */
export const NewRootCauseCategory = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, "lower-case letters, digits, - or _ (at most 40)"),
  label: z.string().trim().min(1).max(80),
  position: z.number().int().min(0).max(1000).optional(),
  reason: Reason,
});
export type NewRootCauseCategory = z.infer<typeof NewRootCauseCategory>;

export const RootCauseCategoryPatch = z
  .object({ label: z.string().trim().min(1).max(80).optional(), position: z.number().int().min(0).max(1000).optional(), reason: Reason })
  .refine((p) => p.label !== undefined || p.position !== undefined, { message: "nothing to change", path: ["label"] });
export type RootCauseCategoryPatch = z.infer<typeof RootCauseCategoryPatch>;

export interface RootCauseCategoryView {
  name: string;
  label: string;
  position: number;
}

const view = (r: RootCauseCategoryView): RootCauseCategoryView => ({ name: r.name, label: r.label, position: r.position });

/** The categories a postmortem offers, in their display order. */
export async function listRootCauseCategories(db: Db): Promise<{ items: RootCauseCategoryView[]; nextCursor: null }> {
  const rows = await db.rootCauseCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
  return { items: rows.map(view), nextCursor: null };
}

/** Add a category (a duplicate name is a 409 through the Prisma P2002 mapping). */
export async function createRootCauseCategory(ctx: AuditContext, input: NewRootCauseCategory): Promise<RootCauseCategoryView> {
  return audited(ctx, { action: "root_cause_category.create", target: `root_cause_category:${input.name}`, reason: input.reason }, async (tx) => {
    const position = input.position ?? ((await tx.rootCauseCategory.aggregate({ _max: { position: true } }))._max.position ?? 0) + 1;
    const v = view(await tx.rootCauseCategory.create({ data: { name: input.name, label: input.label, position } }));
    return { value: v, after: v };
  });
}

/** Rename (the label) or reorder a category; faults keep the name. */
export async function updateRootCauseCategory(ctx: AuditContext, name: string, patch: RootCauseCategoryPatch): Promise<RootCauseCategoryView> {
  return audited(ctx, { action: "root_cause_category.update", target: `root_cause_category:${name}`, reason: patch.reason }, async (tx) => {
    const cur = await tx.rootCauseCategory.findUnique({ where: { name } });
    if (!cur) throw notFound("root-cause category");
    const v = view(await tx.rootCauseCategory.update({ where: { name }, data: { label: patch.label, position: patch.position } }));
    return { value: v, before: view(cur), after: v };
  });
}

/** Remove a category from the list; faults already filed under it keep the name (history stays). */
export async function deleteRootCauseCategory(ctx: AuditContext, name: string, reason?: string): Promise<RootCauseCategoryView> {
  return audited(ctx, { action: "root_cause_category.delete", target: `root_cause_category:${name}`, reason }, async (tx) => {
    const cur = await tx.rootCauseCategory.findUnique({ where: { name } });
    if (!cur) throw notFound("root-cause category");
    await tx.rootCauseCategory.delete({ where: { name } });
    return { value: view(cur), before: view(cur) };
  });
}
