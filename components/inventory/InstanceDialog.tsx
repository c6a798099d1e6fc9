"use client";

import { useState } from "react";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { Field } from "@/components/common/Field";
import { ui } from "@/components/common/ui";
import type { InstanceView } from "@/lib/services/views";
import { useSaveInstance } from "@/lib/queries/use-inventory";
import { CheckEditor, checkOfDraft, DEFAULT_DRAFT, draftOf, type CheckDraft } from "./CheckEditor";

/** What the dialog edits: a new instance of a pool, or an existing one. */
export type InstanceTarget = { mode: "create"; poolId: string; poolName: string } | { mode: "edit"; instance: InstanceView };

function Form({ target, onClose }: { target: InstanceTarget; onClose: () => void }) {
  const save = useSaveInstance();
  const existing = target.mode === "edit" ? target.instance : null;
  const [name, setName] = useState(existing?.name ?? "");
  const [address, setAddress] = useState(existing?.address ?? "");
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [draft, setDraft] = useState<CheckDraft>(existing ? draftOf(existing.checkConfig) : DEFAULT_DRAFT);
  return (
    <ReasonDialog
      open
      wide
      title={existing ? `Edit ${existing.name}` : `Add an instance to ${target.mode === "create" ? target.poolName : ""}`}
      confirmLabel={existing ? "Save" : "Add instance"}
      requireReason
      canConfirm={name.trim() !== "" && address.trim() !== ""}
      busy={save.isPending}
      error={save.error?.message ?? null}
      onClose={onClose}
      onConfirm={(reason) =>
        save.mutate(
          {
            ...(existing ? { instanceId: existing.id } : { poolId: target.mode === "create" ? target.poolId : undefined }),
            name: name.trim(),
            address: address.trim(),
            enabled,
            check: checkOfDraft(draft),
            reason,
          },
          { onSuccess: onClose },
        )
      }
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto]">
        <Field label="Name">
          {(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} className={`${ui.input} w-full font-mono`} placeholder="shop-a-1" />}
        </Field>
        <Field label="Address (host:port)">
          {(id) => (
            <input
              id={id}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              className={`${ui.input} w-full font-mono`}
              placeholder="10.0.0.5:8080 or [::1]:8080"
            />
          )}
        </Field>
        <label className="mt-6 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled (polled)
        </label>
      </div>
      <CheckEditor address={address.trim()} draft={draft} onChange={setDraft} />
    </ReasonDialog>
  );
}

/** Operators: add an instance with its health check, or edit one (the poller picks it up on its next refresh). */
export function InstanceDialog({ target, onClose }: { target: InstanceTarget | null; onClose: () => void }) {
  // Keyed so each opening starts from the instance as it is now.
  return target ? <Form key={target.mode === "edit" ? target.instance.id : target.poolId} target={target} onClose={onClose} /> : null;
}
