import type { Tx } from "@/lib/audit/audited";
import { AppError } from "@/lib/errors/app-error";
import type { FaultEventKind, Prisma } from "@/lib/generated/prisma/client";
import type { ActionItem, FaultPatch } from "./schemas";

type Current = { impactSummary: string | null; rootCauseCategory: string | null; actionItems: unknown; postmortemAt: Date | null };
type Event = { kind: FaultEventKind; message: string; data?: Prisma.InputJsonValue };

const items = (v: unknown): ActionItem[] => (Array.isArray(v) ? (v as ActionItem[]) : []);
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);

/**
 * The postmortem part of a fault PATCH: which fields change, and one NOTE event per changed field
 * keeping the previous value (the schema has no postmortem event kind; a note is what it is).
 * `postmortemAt` is set the first time any field is filled, for the "has postmortem" filter.
 */
export async function postmortemChanges(
  tx: Tx,
  cur: Current,
  patch: FaultPatch,
  who: string,
  now: Date,
): Promise<{ data: Prisma.FaultUpdateInput; events: Event[] }> {
  const data: Prisma.FaultUpdateInput = {};
  const events: Event[] = [];
  const impact = blankToNull(patch.impactSummary);
  if (impact !== undefined && impact !== cur.impactSummary) {
    data.impactSummary = impact;
    events.push({
      kind: "NOTE",
      message: `Postmortem impact summary ${impact ? "written" : "cleared"} by ${who}`,
      data: { postmortem: "impactSummary", previous: cur.impactSummary, current: impact },
    });
  }
  const category = blankToNull(patch.rootCauseCategory);
  if (category !== undefined && category !== cur.rootCauseCategory) {
    if (category && !(await tx.rootCauseCategory.findUnique({ where: { name: category } }))) {
      throw new AppError("VALIDATION", `rootCauseCategory: no category named "${category}"`, "rootCauseCategory");
    }
    data.rootCauseCategory = category;
    events.push({
      kind: "NOTE",
      message: `Postmortem root cause: ${cur.rootCauseCategory ?? "—"} → ${category ?? "—"} (${who})`,
      data: { postmortem: "rootCauseCategory", previous: cur.rootCauseCategory, current: category },
    });
  }
  if (patch.actionItems && JSON.stringify(patch.actionItems) !== JSON.stringify(items(cur.actionItems))) {
    data.actionItems = patch.actionItems;
    const done = patch.actionItems.filter((i) => i.done).length;
    events.push({
      kind: "NOTE",
      message: `Postmortem action items: ${done}/${patch.actionItems.length} done (${who})`,
      data: { postmortem: "actionItems", previous: items(cur.actionItems), current: patch.actionItems },
    });
  }
  const filled =
    (data.impactSummary ?? cur.impactSummary) || (data.rootCauseCategory ?? cur.rootCauseCategory) || (patch.actionItems ?? items(cur.actionItems)).length > 0;
  if (events.length && filled && !cur.postmortemAt) data.postmortemAt = now;
  return { data, events };
}
