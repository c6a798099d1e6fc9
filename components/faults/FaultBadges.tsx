import { CircleAlert, CircleCheck, Eye, Repeat, type LucideIcon } from "lucide-react";
import type { FaultView } from "@/lib/faults/view";

const pill = "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset";

// Like StatusBadge: colour + icon + word. `data-fault-status`, not `data-status`: these are not
// fleet statuses.
const STATUS_LOOK: Record<FaultView["status"], { icon: LucideIcon; className: string }> = {
  OPEN: { icon: CircleAlert, className: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300" },
  ACKNOWLEDGED: { icon: Eye, className: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300" },
  RESOLVED: { icon: CircleCheck, className: "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300" },
};

/** A fault's status: OPEN, ACKNOWLEDGED or RESOLVED. */
export function FaultStatusBadge({ status }: { status: FaultView["status"] }) {
  const { icon: Icon, className } = STATUS_LOOK[status];
  return (
    <span className={`${pill} ${className}`} data-fault-status={status}>
      <Icon aria-hidden className="size-3.5" />
      {status}
    </span>
  );
}

const SEVERITY_LOOK: Record<FaultView["severity"], string> = {
  SEV1: "bg-red-700 text-white ring-red-800 dark:bg-red-600",
  SEV2: "bg-orange-100 text-orange-900 ring-orange-600/40 dark:bg-orange-950 dark:text-orange-300",
  SEV3: "bg-slate-100 text-slate-800 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200",
  SEV4: "bg-white text-slate-600 ring-slate-400/40 dark:bg-slate-900 dark:text-slate-400",
};

/** SEV1 (whole service down) … SEV4 (standby or degraded). */
export function SeverityBadge({ severity }: { severity: FaultView["severity"] }) {
  return (
    <span className={`${pill} font-mono ${SEVERITY_LOOK[severity]}`} data-severity={severity}>
      {severity}
    </span>
  );
}

/** Shown on faults the flap detector kept open. */
export function FlappingBadge({ count }: { count: number }) {
  return (
    <span
      className={`${pill} bg-violet-100 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-300`}
      title={`Went down again ${count} time(s) while open`}
    >
      <Repeat aria-hidden className="size-3.5" />
      flapping · {count} {count === 1 ? "flap" : "flaps"}
    </span>
  );
}
