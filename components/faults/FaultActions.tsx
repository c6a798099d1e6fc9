"use client";

import { Check, Eye, RotateCcw } from "lucide-react";
import { useState } from "react";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { ui } from "@/components/common/ui";
import type { FaultView } from "@/lib/faults/view";
import { useUpdateFault } from "@/lib/queries/use-faults";

type Action = "ACKNOWLEDGED" | "RESOLVED" | "OPEN";

const TITLES: Record<Action, (key: string) => string> = {
  ACKNOWLEDGED: (k) => `Acknowledge ${k}?`,
  RESOLVED: (k) => `Resolve ${k}?`,
  OPEN: (k) => `Reopen ${k}?`,
};

/** Operators: acknowledge, resolve (with a resolution text) or reopen, each with an optional reason. */
export function FaultActions({ fault }: { fault: FaultView }) {
  const update = useUpdateFault();
  const [pending, setPending] = useState<Action | null>(null);
  const [resolution, setResolution] = useState("");
  const open = (a: Action) => {
    update.reset();
    if (a === "RESOLVED") setResolution(fault.resolution ?? "");
    setPending(a);
  };
  return (
    <div className="flex flex-wrap gap-2">
      {fault.status === "OPEN" && (
        <button type="button" className={`${ui.primary} inline-flex items-center gap-1`} onClick={() => open("ACKNOWLEDGED")}>
          <Eye aria-hidden className="size-4" /> Acknowledge
        </button>
      )}
      {fault.status !== "RESOLVED" && (
        <button type="button" className={`${ui.button} inline-flex items-center gap-1`} onClick={() => open("RESOLVED")}>
          <Check aria-hidden className="size-4" /> Resolve
        </button>
      )}
      {fault.status === "RESOLVED" && (
        <button type="button" className={`${ui.button} inline-flex items-center gap-1`} onClick={() => open("OPEN")}>
          <RotateCcw aria-hidden className="size-4" /> Reopen
        </button>
      )}
      <ReasonDialog
        open={pending !== null}
        title={pending ? TITLES[pending](fault.key) : ""}
        confirmLabel={pending === "ACKNOWLEDGED" ? "Acknowledge" : pending === "RESOLVED" ? "Resolve" : "Reopen"}
        busy={update.isPending}
        canConfirm={pending !== "RESOLVED" || resolution.trim() !== ""}
        error={update.error?.message ?? null}
        onClose={() => setPending(null)}
        onConfirm={(reason) =>
          pending &&
          update.mutate(
            { id: fault.id, status: pending, resolution: pending === "RESOLVED" ? resolution.trim() : undefined, reason: reason || undefined },
            { onSuccess: () => setPending(null) },
          )
        }
      >
        {pending === "ACKNOWLEDGED" && "Says someone is on it. The fault stays open until the instance recovers or you resolve it."}
        {pending === "OPEN" && "The fault becomes OPEN again, with its timeline kept."}
        {pending === "RESOLVED" && (
          <label className={ui.label}>
            Resolution — what fixed it
            <textarea
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
              required
              maxLength={4000}
              rows={3}
              className={`${ui.input} mt-1 block w-full`}
            />
          </label>
        )}
      </ReasonDialog>
    </div>
  );
}
