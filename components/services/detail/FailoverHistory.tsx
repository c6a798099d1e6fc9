"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { formatDuration } from "@/lib/detection/describe";
import type { FailoverView } from "@/lib/failover/views";
import { FailoverStateBadge } from "./FailoverBadges";
import { FailoverSteps } from "./FailoverSteps";
import { card, heading, muted } from "./format";

const COLUMNS = ["Kind / trigger", "When (UTC)", "State", "Duration", "From → to", "Actor", "Reason"];

/** The service's failovers and failbacks, newest first; a row opens to its recorded steps. */
export function FailoverHistory({ failovers }: { failovers: FailoverView[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section aria-labelledby="failovers-h" className={card}>
      <h2 id="failovers-h" className={`${heading} mb-3`}>
        Failover history
      </h2>
      {failovers.length === 0 ? (
        <p className={`text-sm ${muted}`}>No failovers of this service yet.</p>
      ) : (
        <div className={ui.scroll}>
          <table className={ui.table} aria-label="Failover history">
            <thead className={ui.thead}>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} className={ui.th}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {failovers.map((f) => {
                const expanded = open.has(f.id);
                return (
                  <Fragment key={f.id}>
                    <tr className={`${ui.tr} align-top`} data-testid="failover-row" data-kind={f.kind} data-state={f.state}>
                      <td className={`${ui.td} whitespace-nowrap`}>
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-label={`Steps of the ${f.kind.toLowerCase()} at ${utc(f.createdAt)}`}
                          onClick={() => toggle(f.id)}
                          className="inline-flex items-center gap-1 font-semibold"
                        >
                          {expanded ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
                          {f.kind}
                        </button>
                        <div className="pl-5 text-xs text-slate-500">
                          {f.trigger.toLowerCase()}
                          {f.forced && <span className="font-semibold text-red-700 dark:text-red-400"> · forced</span>}
                        </div>
                      </td>
                      <td className={`${ui.td} whitespace-nowrap font-mono text-xs`}>{utc(f.createdAt)}</td>
                      <td className={ui.td}>
                        <FailoverStateBadge state={f.state} />
                      </td>
                      <td className={`${ui.td} whitespace-nowrap tabular-nums`}>{f.durationMs === null ? "—" : formatDuration(f.durationMs)}</td>
                      <td className={`${ui.td} font-mono text-xs`}>
                        <span className="whitespace-nowrap">{f.fromPool.name} →</span> <span className="whitespace-nowrap">{f.toPool.name}</span>
                      </td>
                      <td className={`${ui.td} max-w-36 truncate text-xs`} title={f.actor}>
                        {f.actor}
                      </td>
                      <td className={`${ui.td} w-full max-w-0 min-w-32`}>
                        <div className="truncate" title={f.reason}>
                          {f.reason}
                        </div>
                      </td>
                    </tr>
                    {expanded && (
                      <tr className="bg-slate-50 dark:bg-slate-950/40">
                        <td colSpan={COLUMNS.length} className="px-6 py-2">
                          <div className="max-w-2xl">
                            <FailoverSteps steps={f.steps} />
                          </div>
                          {f.error && <p className={`${ui.error} mt-1`}>{f.error}</p>}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
