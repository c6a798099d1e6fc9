"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { QueryState } from "@/components/common/QueryState";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { FaultView } from "@/lib/faults/view";
import { useFaultsQuery, type FaultFilters } from "@/lib/queries/use-faults";
import { FaultStatusBadge, FlappingBadge, SeverityBadge } from "./FaultBadges";
import { FaultDuration } from "./FaultDuration";

/** Where a fault is: `service / instance`, or `service (service)` for a service-level fault. */
export function FaultWhere({ fault }: { fault: Pick<FaultView, "service" | "instance"> }) {
  return (
    <span className="font-mono text-xs">
      {fault.service.name}
      {fault.instance ? ` / ${fault.instance.name}` : <span className="text-slate-500"> (service)</span>}
    </span>
  );
}

/** The fault rows of a list (also used for a service fault's grouped children). */
export function FaultRows({ faults }: { faults: FaultView[] }) {
  return (
    <table className={ui.table}>
      <thead className={ui.thead}>
        <tr>
          <th className={ui.th}>Fault</th>
          <th className={ui.th}>Status</th>
          <th className={ui.th}>Severity</th>
          <th className={ui.th}>Service / instance</th>
          <th className={ui.th}>Type</th>
          <th className={ui.th}>Started (UTC)</th>
          <th className={ui.th}>Duration</th>
          <th className={ui.th}>Cause</th>
        </tr>
      </thead>
      <tbody>
        {faults.map((f) => (
          <tr key={f.id} className={`${ui.tr} align-top`} data-testid="fault-row" data-key={f.key}>
            <td className={`${ui.td} whitespace-nowrap`}>
              <Link href={`/faults/${f.key}`} className="font-mono font-semibold text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
                {f.key}
              </Link>
              {f.parent && <div className="text-xs text-slate-500">in {f.parent.key}</div>}
            </td>
            <td className={ui.td}>
              <div className="flex flex-col items-start gap-1">
                <FaultStatusBadge status={f.status} />
                {f.flapping && <FlappingBadge count={f.flapCount} />}
              </div>
            </td>
            <td className={ui.td}>
              <SeverityBadge severity={f.severity} />
            </td>
            <td className={`${ui.td} whitespace-nowrap`}>
              <FaultWhere fault={f} />
            </td>
            <td className={`${ui.td} font-mono text-xs`}>{f.type}</td>
            <td className={`${ui.td} whitespace-nowrap font-mono text-xs`}>{utc(f.startedAt)}</td>
            <td className={`${ui.td} whitespace-nowrap tabular-nums`}>
              <FaultDuration fault={f} />
            </td>
            {/* Takes the width left over (at least 12rem) and cuts the text there; hover for all of it. */}
            <td className={`${ui.td} w-full max-w-0 min-w-48`}>
              <div className="truncate" title={f.cause}>
                {f.cause}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The live, filtered fault list with "Load more". */
export function FaultsTable({ filters, emptyText }: { filters: FaultFilters; emptyText: ReactNode }) {
  const q = useFaultsQuery(filters);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState isLoading={q.isLoading} error={q.error} empty={items.length === 0} emptyText={emptyText}>
      <div className={ui.scroll}>
        <FaultRows faults={items} />
      </div>
      {q.hasNextPage && (
        <button type="button" className={`${ui.button} mt-3`} disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
          {q.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </QueryState>
  );
}
