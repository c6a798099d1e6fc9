import { ArrowDownToLine, CircleCheck, CircleHelp, CircleX, TriangleAlert, Wrench, type LucideIcon } from "lucide-react";
import type { Status } from "@/lib/status/status";

// Colour is never the only signal: every status also has an icon and its word.
const LOOK: Record<Status, { icon: LucideIcon; className: string; label: string }> = {
  UP: { icon: CircleCheck, label: "UP", className: "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300" },
  DEGRADED: { icon: TriangleAlert, label: "DEGRADED", className: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300" },
  DOWN: { icon: CircleX, label: "DOWN", className: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300" },
  UNKNOWN: { icon: CircleHelp, label: "UNKNOWN", className: "bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300" },
  DRAIN: { icon: ArrowDownToLine, label: "DRAIN", className: "bg-sky-100 text-sky-800 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-300" },
  MAINT: { icon: Wrench, label: "MAINT", className: "bg-violet-100 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-300" },
};

/** A status in Faultline's one visual language: colour + icon + word. */
export function StatusBadge({ status, size = "sm" }: { status: Status; size?: "sm" | "md" }) {
  const { icon: Icon, className, label } = LOOK[status];
  const pad = size === "md" ? "px-2.5 py-1 text-sm" : "px-2 py-0.5 text-xs";
  return (
    <span className={`inline-flex items-center gap-1 rounded-full font-semibold ring-1 ring-inset ${pad} ${className}`} data-status={status}>
      <Icon aria-hidden className={size === "md" ? "size-4" : "size-3.5"} />
      {label}
    </span>
  );
}
