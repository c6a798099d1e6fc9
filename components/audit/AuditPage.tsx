"use client";

import { useState } from "react";
import { useCan } from "@/components/auth/ActorProvider";
import { PageTitle } from "@/components/common/PageTitle";
import { QueryState } from "@/components/common/QueryState";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { useAuditQuery, type AuditFilters } from "@/lib/queries/use-audit-query";
import { AuditFiltersForm } from "./AuditFiltersForm";

const brief = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));

function AuditTable({ filters }: { filters: AuditFilters }) {
  const q = useAuditQuery(filters);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState isLoading={q.isLoading} error={q.error} empty={items.length === 0} emptyText="No audit entries match.">
      <div className={ui.scroll}>
        <table className={ui.table}>
          <thead className={ui.thead}>
            <tr>
              <th className={ui.th}>When (UTC)</th>
              <th className={ui.th}>Actor</th>
              <th className={ui.th}>Action</th>
              <th className={ui.th}>Target</th>
              <th className={ui.th}>Reason</th>
              <th className={ui.th}>Result</th>
              <th className={ui.th}>Change</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className={`${ui.tr} align-top`} data-testid="audit-row">
                <td className={`${ui.td} whitespace-nowrap font-mono text-xs`}>{utc(e.at)}</td>
                <td className={`${ui.td} font-mono text-xs`}>{e.actor}</td>
                <td className={`${ui.td} font-mono text-xs`}>{e.action}</td>
                <td className={`${ui.td} font-mono text-xs`}>{e.target}</td>
                <td className={ui.td}>{e.reason ?? ""}</td>
                <td className={ui.td}>
                  <span className={e.result === "OK" ? "text-emerald-700 dark:text-emerald-400" : "font-semibold text-red-700 dark:text-red-400"}>
                    {e.result}
                  </span>
                  {e.error && <div className="text-xs text-red-700 dark:text-red-400">{e.error}</div>}
                </td>
                <td className={`${ui.td} max-w-md`}>
                  {(e.before !== null || e.after !== null) && (
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">before → after</summary>
                      <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-[11px]">{`${brief(e.before) || "—"}\n→ ${brief(e.after) || "—"}`}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.hasNextPage && (
        <button type="button" className={`${ui.button} mt-3`} disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
          {q.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </QueryState>
  );
}

export function AuditPage() {
  const allowed = useCan("OPERATOR");
  const [filters, setFilters] = useState<AuditFilters>({});
  return (
    <>
      <PageTitle title="Audit" subtitle="Who changed what, when, why — and whether it worked. Append-only." />
      {allowed ? (
        <>
          <AuditFiltersForm onApply={setFilters} />
          <AuditTable filters={filters} />
        </>
      ) : (
        <p className={ui.section}>The audit log is readable by operators and admins.</p>
      )}
    </>
  );
}
