import type { Status } from "@/lib/status/status";

/** Why a service is not plainly UP (what serves instead, or why nothing does), beside its badge. */
export function StateReason({ state, reason }: { state: Status; reason: string | null }) {
  if (!reason) return null;
  const tone = state === "DOWN" ? "text-red-700 dark:text-red-400" : "text-amber-800 dark:text-amber-300";
  return (
    <p data-testid="state-reason" className={`text-xs font-medium ${tone}`}>
      {reason}
    </p>
  );
}
