import type { ServiceView } from "@/lib/services/views";
import { STATUSES } from "@/lib/status/status";
import { StatusBadge } from "@/components/status/StatusBadge";

/** Instance counts per status across the fleet. */
export function StatusSummary({ services }: { services: ServiceView[] }) {
  const all = services.flatMap((s) => s.pools.flatMap((p) => p.instances));
  return (
    <ul aria-label="Instances by status" className="flex flex-wrap gap-3">
      {STATUSES.map((st) => (
        <li key={st} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
          <StatusBadge status={st} />
          <span className="text-lg font-semibold tabular-nums">{all.filter((i) => i.state === st).length}</span>
        </li>
      ))}
    </ul>
  );
}
