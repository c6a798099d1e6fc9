"use client";

import { fromLocalInput, toLocalInput } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { ServiceView } from "@/lib/services/views";
import { RANGE_PRESETS, type RangePreset } from "@/lib/reports/buckets";

type RangeChoice = RangePreset | "custom";

export interface ReportRange {
  choice: RangeChoice;
  /** ISO UTC. */
  from: string;
  to: string;
  serviceId?: string;
}

/** A preset range ending now. */
export function presetRange(choice: RangePreset, now = Date.now()): { from: string; to: string } {
  return { from: new Date(now - RANGE_PRESETS[choice]).toISOString(), to: new Date(now).toISOString() };
}

const LABELS: Record<RangeChoice, string> = { "24h": "24 h", "7d": "7 d", "30d": "30 d", "90d": "90 d", custom: "Custom" };

/** Range presets (24 h … 90 d, ending now), a custom from/to, and the service filter. */
export function RangePicker({ value, onChange, services }: { value: ReportRange; onChange: (r: ReportRange) => void; services: ServiceView[] }) {
  return (
    <div role="group" aria-label="Report range" className="mb-4 flex flex-wrap items-end gap-x-3 gap-y-2 print:hidden">
      <div className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
        {(Object.keys(LABELS) as RangeChoice[]).map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={value.choice === c}
            className={`px-3 py-1 text-sm ${value.choice === c ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
            onClick={() => onChange(c === "custom" ? { ...value, choice: c } : { ...value, choice: c, ...presetRange(c) })}
          >
            {LABELS[c]}
          </button>
        ))}
      </div>
      {value.choice === "custom" && (
        <>
          <label className="text-xs">
            From{" "}
            <input
              type="datetime-local"
              value={toLocalInput(value.from)}
              onChange={(e) => onChange({ ...value, from: fromLocalInput(e.target.value) ?? value.from })}
              className={ui.input}
            />
          </label>
          <label className="text-xs">
            to{" "}
            <input
              type="datetime-local"
              value={toLocalInput(value.to)}
              onChange={(e) => onChange({ ...value, to: fromLocalInput(e.target.value) ?? value.to })}
              className={ui.input}
            />
          </label>
        </>
      )}
      <select
        aria-label="Service"
        value={value.serviceId ?? ""}
        onChange={(e) => onChange({ ...value, serviceId: e.target.value || undefined })}
        className={ui.input}
      >
        <option value="">all services</option>
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
