"use client";

import { InlineError } from "@/components/common/InlineError";
import { QueryState } from "@/components/common/QueryState";
import { ui } from "@/components/common/ui";
import { useCreateRootCauseCategory, useDeleteRootCauseCategory, useRootCauseCategories } from "@/lib/queries/use-root-cause-categories";

/** The root-cause categories postmortems offer (admin): add one, or remove one from the list. */
export function RootCauseCategoriesSection() {
  const q = useRootCauseCategories();
  const create = useCreateRootCauseCategory();
  const remove = useDeleteRootCauseCategory();
  return (
    <section aria-labelledby="rcc-h" className={ui.section}>
      <h2 id="rcc-h" className="mb-3 text-lg font-semibold">
        Root-cause categories
      </h2>
      <form
        aria-label="Add a root-cause category"
        className="mb-3 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          create.mutate({ name: String(f.get("name")), label: String(f.get("label")) }, { onSuccess: () => form.reset() });
        }}
      >
        <input name="name" required pattern="[a-z][a-z0-9_\-]{0,39}" placeholder="name, e.g. certificates" aria-label="Category name" className={ui.input} />
        <input name="label" required maxLength={80} placeholder="label, e.g. Certificates" aria-label="Category label" className={ui.input} />
        <button type="submit" className={ui.primary} disabled={create.isPending}>
          Add category
        </button>
      </form>
      <InlineError error={create.error ?? remove.error} />
      <QueryState isLoading={q.isLoading} error={q.error} empty={(q.data?.items.length ?? 0) === 0} emptyText="No categories.">
        <ul className="flex flex-wrap gap-2">
          {q.data?.items.map((c) => (
            <li
              key={c.name}
              className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {c.label} <span className="font-mono text-xs text-slate-500">{c.name}</span>
              <button
                type="button"
                aria-label={`Remove ${c.label}`}
                className="text-xs text-red-700 hover:underline dark:text-red-400"
                onClick={() => remove.mutate({ name: c.name })}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      </QueryState>
    </section>
  );
}
