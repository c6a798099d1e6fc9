import type { DeliveryStatus } from "@/lib/status/notify-vocabulary";

const LOOK: Record<DeliveryStatus, string> = {
  PENDING: "border-amber-400 text-amber-800 dark:text-amber-300",
  SENDING: "border-sky-400 text-sky-800 dark:text-sky-300",
  DELIVERED: "border-emerald-500 text-emerald-800 dark:text-emerald-300",
  DEAD: "border-red-500 text-red-800 dark:text-red-300",
  SUPPRESSED: "border-slate-400 text-slate-600 dark:text-slate-400",
};
const ICON: Record<DeliveryStatus, string> = { PENDING: "…", SENDING: "→", DELIVERED: "✓", DEAD: "✕", SUPPRESSED: "–" };

/** A delivery's status as a word with an icon and a colour (never colour alone). */
export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 text-xs font-semibold ${LOOK[status]}`}>
      <span aria-hidden>{ICON[status]}</span>
      {status}
    </span>
  );
}
