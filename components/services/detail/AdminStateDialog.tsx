"use client";

import { ReasonDialog } from "@/components/common/ReasonDialog";
import type { AdminState } from "@/lib/status/vocabulary";
import type { InstanceView } from "@/lib/services/views";
import { useInstanceUpdate } from "@/lib/queries/use-instance-update";

const TEXT: Record<AdminState, { title: (name: string) => string; confirm: string; body: string; danger: boolean }> = {
  DRAIN: {
    title: (n) => `Drain ${n}?`,
    confirm: "Drain",
    body: "HAProxy sends it no new requests; sessions it already has finish. Health checks go on.",
    danger: false,
  },
  MAINT: {
    title: (n) => `Put ${n} in maintenance?`,
    confirm: "Put in maint",
    body: "HAProxy takes it out of rotation completely: no new requests, not even for sticky sessions. Use it before working on the instance.",
    danger: true,
  },
  READY: {
    title: (n) => `Make ${n} ready?`,
    confirm: "Ready",
    body: "HAProxy sends it traffic again by its weight, once its health checks pass.",
    danger: false,
  },
};

/** Operators: drain, maintain or ready an instance on HAProxy, with a required reason. */
export function AdminStateDialog({ instance, state, onClose }: { instance: InstanceView | null; state: AdminState | null; onClose: () => void }) {
  const update = useInstanceUpdate();
  const text = state ? TEXT[state] : null;
  return (
    <ReasonDialog
      open={instance !== null && state !== null}
      title={instance && text ? text.title(instance.name) : ""}
      confirmLabel={text?.confirm ?? ""}
      danger={text?.danger}
      requireReason
      busy={update.isPending}
      error={update.error?.message ?? null}
      onClose={() => {
        update.reset();
        onClose();
      }}
      onConfirm={(reason) => instance && state && update.mutate({ id: instance.id, adminState: state, reason }, { onSuccess: onClose })}
    >
      {text?.body}
    </ReasonDialog>
  );
}
