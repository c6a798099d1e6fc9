import { CircleCheck, CircleDashed, CircleX, LoaderCircle, SkipForward, Undo2, type LucideIcon } from "lucide-react";
import type { FailoverStateName, StepState } from "@/lib/failover/views";

type Look = { icon: LucideIcon; className: string; spin?: boolean };

const FAILOVER: Record<FailoverStateName, Look> = {
  PENDING: { icon: CircleDashed, className: "bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300" },
  APPLYING: { icon: LoaderCircle, spin: true, className: "bg-sky-100 text-sky-800 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-300" },
  VERIFIED: { icon: CircleCheck, className: "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300" },
  FAILED: { icon: CircleX, className: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300" },
  ROLLED_BACK: { icon: Undo2, className: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300" },
};

/** A failover's state as colour + icon + word, like every status in Faultline. */
export function FailoverStateBadge({ state }: { state: FailoverStateName }) {
  const { icon: Icon, className, spin } = FAILOVER[state];
  return (
    <span
      data-failover-state={state}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${className}`}
    >
      <Icon aria-hidden className={`size-3.5 ${spin ? "animate-spin" : ""}`} />
      {state.replace("_", " ")}
    </span>
  );
}

const STEP: Record<StepState, Look> = {
  PENDING: { icon: CircleDashed, className: "text-slate-400" },
  RUNNING: { icon: LoaderCircle, spin: true, className: "text-sky-700 dark:text-sky-400" },
  OK: { icon: CircleCheck, className: "text-emerald-700 dark:text-emerald-400" },
  FAILED: { icon: CircleX, className: "text-red-700 dark:text-red-400" },
  ROLLED_BACK: { icon: Undo2, className: "text-amber-700 dark:text-amber-400" },
  SKIPPED: { icon: SkipForward, className: "text-slate-400" },
};

/** A step's state as an icon with its word for screen readers (and on hover). */
export function StepStateIcon({ state }: { state: StepState }) {
  const { icon: Icon, className, spin } = STEP[state];
  return (
    <span title={state} className={`inline-flex shrink-0 ${className}`}>
      <Icon aria-hidden className={`size-4 ${spin ? "animate-spin" : ""}`} />
      <span className="sr-only">{state}</span>
    </span>
  );
}
