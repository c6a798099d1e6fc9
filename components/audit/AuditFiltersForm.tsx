"use client";

import { ui } from "@/components/common/ui";
import type { AuditFilters } from "@/lib/queries/use-audit-query";

/** datetime-local (browser local time) → ISO UTC, or undefined. */
function toIso(local: FormDataEntryValue | null): string | undefined {
  return local ? new Date(String(local)).toISOString() : undefined;
}

const text = (v: FormDataEntryValue | null) => (v ? String(v).trim() || undefined : undefined);

export function AuditFiltersForm({ onApply }: { onApply: (f: AuditFilters) => void }) {
  return (
    <form
      aria-label="Filter the audit log"
      className="mb-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        onApply({
          actor: text(f.get("actor")),
          action: text(f.get("action")),
          target: text(f.get("target")),
          result: (text(f.get("result")) as AuditFilters["result"]) ?? undefined,
          from: toIso(f.get("from")),
          to: toIso(f.get("to")),
        });
      }}
    >
      <input name="actor" placeholder="actor (exact)" aria-label="Actor" className={ui.input} />
      <input name="action" placeholder="action, or prefix like user." aria-label="Action" className={ui.input} />
      <input name="target" placeholder="target contains" aria-label="Target" className={ui.input} />
      <select name="result" aria-label="Result" className={ui.input} defaultValue="">
        <option value="">any result</option>
        <option value="OK">OK</option>
        <option value="FAILED">FAILED</option>
      </select>
      <label className="text-xs">
        From <input name="from" type="datetime-local" className={ui.input} />
      </label>
      <label className="text-xs">
        To <input name="to" type="datetime-local" className={ui.input} />
      </label>
      <button type="submit" className={ui.primary}>
        Apply
      </button>
    </form>
  );
}
