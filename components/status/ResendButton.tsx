"use client";

import { ui } from "@/components/common/ui";
import type { DeliveryStatus } from "@/lib/status/notify-vocabulary";
import { useResend } from "@/lib/queries/use-notifications";

/** Re-send a notification that was given up on or held back (nothing for one that is pending or sent). */
export function ResendButton({ id, status, className = "" }: { id: string; status: DeliveryStatus; className?: string }) {
  const resend = useResend();
  if (status !== "DEAD" && status !== "SUPPRESSED") return null;
  return (
    <button
      type="button"
      className={`${ui.button} ${className}`}
      disabled={resend.isPending}
      title={resend.error?.message}
      onClick={() => resend.mutate({ id })}
    >
      Re-send
    </button>
  );
}
