"use client";

import { useNow } from "@/components/common/use-now";
import { formatDuration } from "@/lib/detection/describe";
import type { FailoverStepView } from "@/lib/failover/views";
import { StepStateIcon } from "./FailoverBadges";

/** How long a step took, or has been running so far (ticking). */
function StepTime({ step, now }: { step: FailoverStepView; now: number }) {
  if (step.durationMs !== null) return <>{formatDuration(step.durationMs)}</>;
  if (step.state === "RUNNING" && step.startedAt) return <>{formatDuration(now - Date.parse(step.startedAt))}…</>;
  return null;
}

/** The recorded steps of a failover with state icons and timings, live while it runs. */
export function FailoverSteps({ steps }: { steps: FailoverStepView[] }) {
  const running = steps.some((s) => s.state === "RUNNING");
  const now = useNow(running ? 250 : 60_000);
  return (
    <ol aria-label="Failover steps" className="grid gap-1 text-sm">
      {steps.map((s, i) => (
        <li key={`${i}-${s.name}`} data-testid="failover-step" data-state={s.state} className="flex items-start gap-2 rounded px-1 py-0.5">
          <StepStateIcon state={s.state} />
          <div className="min-w-0 grow">
            <div className={s.state === "PENDING" || s.state === "SKIPPED" ? "text-slate-500" : ""}>{s.name}</div>
            {s.message && (
              <div className={`text-xs break-words ${s.state === "FAILED" ? "text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
                {s.message}
              </div>
            )}
          </div>
          <span className="shrink-0 text-xs text-slate-500 tabular-nums">
            <StepTime step={s} now={now} />
          </span>
        </li>
      ))}
    </ol>
  );
}
