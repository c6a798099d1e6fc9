"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import { ui } from "@/components/common/ui";
import { useUpdateFault } from "@/lib/queries/use-faults";

/**
 * A fault's cause or resolution: read-only text, or for operators an Edit button that turns it
 * into a textarea with Save (PATCH with the new text; the timeline keeps the previous one).
 */
export function EditableText(props: {
  faultId: string;
  field: "cause" | "resolution";
  label: string;
  value: string | null;
  canEdit: boolean;
  emptyText: string;
}) {
  const update = useUpdateFault();
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;
  const id = `${props.field}-h`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          {props.label}
        </h2>
        {props.canEdit && !editing && (
          <button
            type="button"
            aria-label={`Edit ${props.label.toLowerCase()}`}
            className={`${ui.button} inline-flex items-center gap-1`}
            onClick={() => {
              update.reset();
              setDraft(props.value ?? "");
            }}
          >
            <Pencil aria-hidden className="size-3.5" /> Edit
          </button>
        )}
      </div>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const text = draft.trim();
            if (!text) return;
            update.mutate(props.field === "cause" ? { id: props.faultId, cause: text } : { id: props.faultId, resolution: text }, {
              onSuccess: () => setDraft(null),
            });
          }}
        >
          <textarea
            aria-label={props.label}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={4000}
            rows={4}
            autoFocus
            className={`${ui.input} block w-full`}
          />
          {update.error && (
            <p role="alert" className={`${ui.error} mt-1`}>
              {update.error.message}
            </p>
          )}
          <div className="mt-2 flex gap-2">
            <button type="submit" className={ui.primary} disabled={update.isPending || draft.trim() === ""}>
              {update.isPending ? "Saving…" : "Save"}
            </button>
            <button type="button" className={ui.button} onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p data-testid={`fault-${props.field}`} className="whitespace-pre-wrap break-words text-sm">
          {props.value || <span className="text-slate-500">{props.emptyText}</span>}
        </p>
      )}
    </section>
  );
}
