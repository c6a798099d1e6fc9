"use client";

import { useNow } from "@/components/common/use-now";
import { formatDuration } from "@/lib/detection/describe";
import type { FaultView } from "@/lib/faults/view";

/** Start → resolution, or start → now ticking every second while the fault is unresolved. */
export function FaultDuration({ fault }: { fault: Pick<FaultView, "startedAt" | "resolvedAt" | "durationMs"> }) {
  return fault.resolvedAt ? <span>{formatDuration(fault.durationMs)}</span> : <LiveDuration since={fault.startedAt} />;
}

function LiveDuration({ since }: { since: string }) {
  const now = useNow(1_000);
  return <span title="still open: counting">{formatDuration(now - new Date(since).getTime())}</span>;
}
