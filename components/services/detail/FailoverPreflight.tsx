import { ShieldAlert } from "lucide-react";
import type { PreflightView } from "@/lib/failover/views";

/** The pre-flight answer: the target pool's health and weight, why it is refused, and the plan. */
export function FailoverPreflight({ preflight }: { preflight: PreflightView }) {
  const { toPool } = preflight;
  return (
    <div data-testid="preflight" data-ok={preflight.ok} className="grid gap-3 text-sm">
      <dl className="grid grid-cols-3 gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-800">
        <div>
          <dt className="text-xs text-slate-500">From → to</dt>
          <dd className="font-mono text-xs">
            {preflight.fromPool.name} → {toPool.name}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Healthy in target</dt>
          <dd className={`tabular-nums ${toPool.healthy === 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`} data-testid="preflight-healthy">
            {toPool.healthy} / {toPool.total}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Total weight</dt>
          <dd className="tabular-nums">{toPool.weight}</dd>
        </div>
      </dl>
      {preflight.ok ? (
        <p className="text-emerald-800 dark:text-emerald-300">Pre-flight checks pass.</p>
      ) : (
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <p className="flex items-center gap-1 font-semibold">
            <ShieldAlert aria-hidden className="size-4" /> Refused by the pre-flight checks
          </p>
          <ul className="mt-1 list-disc pl-5">
            {preflight.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <p className="mb-1 font-medium">Planned steps</p>
        <ol aria-label="Planned steps" className="list-decimal pl-5 text-slate-700 dark:text-slate-300">
          {preflight.steps.map((s, i) => (
            <li key={`${i}-${s.name}`}>{s.name}</li>
          ))}
        </ol>
      </div>
    </div>
  );
}
