import { GitCompareArrows } from "lucide-react";
import { utc } from "@/components/common/time";
import type { InstanceView } from "@/lib/services/views";

/**
 * "drift": HAProxy differs from what Faultline wants (changed by hand on the socket, or lost on a
 * reload). Hover for what differs; screen readers get the detail as text.
 */
export function DriftBadge({ drift }: { drift: NonNullable<InstanceView["drift"]> }) {
  const detail = `${drift.detail} (since ${utc(drift.since)})`;
  return (
    <span
      title={detail}
      data-testid="drift-badge"
      className="inline-flex cursor-help items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-950 dark:text-amber-300"
    >
      <GitCompareArrows aria-hidden className="size-3.5" />
      drift
      <span className="sr-only">: {detail}</span>
    </span>
  );
}

/** "3 drifted": a service's count of instances whose balancer differs from the desired state. */
export function DriftCount({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span
      data-testid="drift-count"
      title="Instances whose HAProxy state differs from the desired state"
      className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-950 dark:text-amber-300"
    >
      <GitCompareArrows aria-hidden className="size-3.5" />
      {count} drifted
    </span>
  );
}
