"use client";

import { Search } from "lucide-react";
import { fromLocalInput, toLocalInput } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { FAULT_STATUSES, FAULT_TYPES, SEVERITIES } from "@/lib/faults/enums";
import type { ServiceView } from "@/lib/services/views";
import type { FaultFilters } from "@/lib/queries/use-faults";

export const DEFAULT_FAULT_FILTERS: FaultFilters = { status: ["OPEN", "ACKNOWLEDGED"] };

/**
 * The fault list's filters, applied as they change (the list is live anyway). The search text is
 * held by the page and debounced there.
 */
export function FaultFiltersBar(props: {
  value: FaultFilters;
  onChange: (f: FaultFilters) => void;
  search: string;
  onSearch: (text: string) => void;
  services: ServiceView[];
}) {
  const f = props.value;
  const set = (patch: Partial<FaultFilters>) => props.onChange({ ...f, ...patch });
  const status = f.status ?? [];
  return (
    <div role="search" aria-label="Filter faults" className="mb-4 flex flex-wrap items-end gap-x-3 gap-y-2">
      <label className="relative">
        <span className="sr-only">Search faults</span>
        <Search aria-hidden className="pointer-events-none absolute top-2 left-2 size-4 text-slate-400" />
        <input
          type="search"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
          placeholder="F-1042, cause, service, instance…"
          className={`${ui.input} w-72 pl-7`}
        />
      </label>
      <fieldset className="flex items-center gap-2 rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
        <legend className="sr-only">Status</legend>
        {FAULT_STATUSES.map((s) => (
          <label key={s} className="inline-flex items-center gap-1">
            <input
              type="checkbox"
              checked={status.includes(s)}
              onChange={(e) => set({ status: e.target.checked ? FAULT_STATUSES.filter((x) => x === s || status.includes(x)) : status.filter((x) => x !== s) })}
            />
            {s}
          </label>
        ))}
      </fieldset>
      <select aria-label="Service" value={f.serviceId ?? ""} onChange={(e) => set({ serviceId: e.target.value || undefined })} className={ui.input}>
        <option value="">any service</option>
        {props.services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <select aria-label="Type" value={f.type ?? ""} onChange={(e) => set({ type: e.target.value || undefined })} className={ui.input}>
        <option value="">any type</option>
        {FAULT_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select aria-label="Severity" value={f.severity ?? ""} onChange={(e) => set({ severity: e.target.value || undefined })} className={ui.input}>
        <option value="">any severity</option>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label="Postmortem"
        value={f.postmortem ?? ""}
        onChange={(e) => set({ postmortem: (e.target.value || undefined) as FaultFilters["postmortem"] })}
        className={ui.input}
      >
        <option value="">postmortem or not</option>
        <option value="true">with postmortem</option>
        <option value="false">without postmortem</option>
      </select>
      <label className="text-xs">
        Active from{" "}
        <input type="datetime-local" value={toLocalInput(f.from)} onChange={(e) => set({ from: fromLocalInput(e.target.value) })} className={ui.input} />
      </label>
      <label className="text-xs">
        to <input type="datetime-local" value={toLocalInput(f.to)} onChange={(e) => set({ to: fromLocalInput(e.target.value) })} className={ui.input} />
      </label>
      <button
        type="button"
        className={ui.button}
        onClick={() => {
          props.onChange(DEFAULT_FAULT_FILTERS);
          props.onSearch("");
        }}
      >
        Reset
      </button>
    </div>
  );
}
