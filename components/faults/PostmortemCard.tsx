"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { FaultView } from "@/lib/faults/view";
import { useUpdateFault } from "@/lib/queries/use-faults";
import { useRootCauseCategories } from "@/lib/queries/use-root-cause-categories";

type Item = FaultView["actionItems"][number];
const heading = "text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";

/**
 * The postmortem of a fault: impact summary, root-cause category and action items. Operators edit
 * it in place (one PATCH; each changed field becomes a timeline note); others read it.
 */
export function PostmortemCard({ fault, canEdit }: { fault: FaultView; canEdit: boolean }) {
  const categories = useRootCauseCategories().data?.items ?? [];
  const update = useUpdateFault();
  const [draft, setDraft] = useState<{ impactSummary: string; rootCauseCategory: string; actionItems: Item[] } | null>(null);
  const labelOf = (name: string | null) => categories.find((c) => c.name === name)?.label ?? name ?? "—";
  const start = () => {
    update.reset();
    setDraft({
      impactSummary: fault.impactSummary ?? "",
      rootCauseCategory: fault.rootCauseCategory ?? "",
      actionItems: fault.actionItems.map((i) => ({ ...i })),
    });
  };
  const setItem = (n: number, patch: Partial<Item>) =>
    draft && setDraft({ ...draft, actionItems: draft.actionItems.map((i, k) => (k === n ? { ...i, ...patch } : i)) });
  return (
    <section aria-labelledby="postmortem-h" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="postmortem-h" className={heading}>
          Postmortem
        </h2>
        {canEdit && !draft && (
          <button type="button" className={ui.button} onClick={start}>
            {fault.postmortemAt ? "Edit postmortem" : "Write postmortem"}
          </button>
        )}
      </div>
      {draft ? (
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const actionItems = draft.actionItems.filter((i) => i.text.trim());
            update.mutate(
              { id: fault.id, impactSummary: draft.impactSummary, rootCauseCategory: draft.rootCauseCategory || null, actionItems },
              { onSuccess: () => setDraft(null) },
            );
          }}
        >
          <label className={ui.label}>
            Impact summary
            <textarea
              rows={3}
              maxLength={4000}
              value={draft.impactSummary}
              onChange={(e) => setDraft({ ...draft, impactSummary: e.target.value })}
              className={`${ui.input} mt-1 block w-full font-normal`}
            />
          </label>
          <label className={ui.label}>
            Root cause category
            <select
              value={draft.rootCauseCategory}
              onChange={(e) => setDraft({ ...draft, rootCauseCategory: e.target.value })}
              className={`${ui.input} mt-1 block font-normal`}
            >
              <option value="">not classified</option>
              {categories.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend className={ui.label}>Action items</legend>
            <ul className="mt-1 grid gap-1.5">
              {draft.actionItems.map((item, n) => (
                <li key={n} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    aria-label={`Action item ${n + 1} done`}
                    checked={item.done}
                    onChange={(e) => setItem(n, { done: e.target.checked })}
                  />
                  <input
                    aria-label={`Action item ${n + 1}`}
                    value={item.text}
                    maxLength={500}
                    onChange={(e) => setItem(n, { text: e.target.value })}
                    className={`${ui.input} flex-1`}
                  />
                  <button
                    type="button"
                    aria-label={`Remove action item ${n + 1}`}
                    className={ui.button}
                    onClick={() => setDraft({ ...draft, actionItems: draft.actionItems.filter((_, k) => k !== n) })}
                  >
                    <Trash2 aria-hidden className="size-3.5" />
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className={`${ui.button} mt-2 inline-flex items-center gap-1`}
              onClick={() => setDraft({ ...draft, actionItems: [...draft.actionItems, { text: "", done: false }] })}
            >
              <Plus aria-hidden className="size-3.5" /> Add action item
            </button>
          </fieldset>
          {update.error && (
            <p role="alert" className={ui.error}>
              {update.error.message}
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" className={ui.primary} disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save postmortem"}
            </button>
            <button type="button" className={ui.button} onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : fault.postmortemAt ? (
        <dl className="grid gap-2 text-sm" data-testid="postmortem">
          <div>
            <dt className="font-medium">Impact</dt>
            <dd className="whitespace-pre-wrap break-words">{fault.impactSummary ?? "—"}</dd>
          </div>
          <div>
            <dt className="font-medium">Root cause</dt>
            <dd>{labelOf(fault.rootCauseCategory)}</dd>
          </div>
          <div>
            <dt className="font-medium">
              Action items ({fault.actionItems.filter((i) => i.done).length}/{fault.actionItems.length} done)
            </dt>
            <dd>
              <ul className="list-inside">
                {fault.actionItems.map((i, n) => (
                  <li key={n} className={i.done ? "text-slate-500 line-through" : ""}>
                    {i.done ? "☑" : "☐"} {i.text}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <p className="text-xs text-slate-500">Started {utc(fault.postmortemAt)}</p>
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No postmortem yet.</p>
      )}
    </section>
  );
}
