"use client";

import { useState } from "react";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { Field } from "@/components/common/Field";
import { ui } from "@/components/common/ui";
import type { InstanceView } from "@/lib/services/views";
import { useBulkCreate, useSaveInstance } from "@/lib/queries/use-inventory";
import type { CheckFields } from "@/lib/checks/check-inherit";
import { CheckEditor, instanceDraft, ownCheckOf, type InheritedDraft } from "./CheckEditor";

/** What the dialog edits: a new instance of a pool, or an existing one. */
export type InstanceTarget = ({ mode: "create"; poolId: string; poolName: string } | { mode: "edit"; instance: InstanceView }) & {
  /** The service's check defaults, which the instance inherits where it sets nothing itself. */
  defaults: CheckFields | null;
};

function Form({ target, onClose }: { target: InstanceTarget; onClose: () => void }) {
  const save = useSaveInstance();
  const bulk = useBulkCreate();
  const existing = target.mode === "edit" ? target.instance : null;
  const [many, setMany] = useState(false);
  const [lines, setLines] = useState("");
  const pending = many ? bulk : save;
  const [name, setName] = useState(existing?.name ?? "");
  const [address, setAddress] = useState(existing?.address ?? "");
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [draft, setDraft] = useState<InheritedDraft>(instanceDraft(target.defaults, existing?.checkConfig, existing?.checkOverrides));
  const { check, checkInherit } = ownCheckOf(draft);
  return (
    <ReasonDialog
      open
      wide
      title={existing ? `Edit ${existing.name}` : `Add an instance to ${target.mode === "create" ? target.poolName : ""}`}
      confirmLabel={existing ? "Save" : "Add instance"}
      requireReason
      canConfirm={many ? lines.trim() !== "" : name.trim() !== "" && address.trim() !== ""}
      busy={pending.isPending}
      error={pending.error?.message ?? null}
      onClose={onClose}
      onConfirm={(reason) =>
        many && target.mode === "create"
          ? bulk.mutate({ poolId: target.poolId, addresses: lines, check, reason }, { onSuccess: onClose })
          : save.mutate(
              {
                ...(existing ? { instanceId: existing.id } : { poolId: target.mode === "create" ? target.poolId : undefined }),
                name: name.trim(),
                address: address.trim(),
                enabled,
                check,
                // An edit also hands fields reset in the editor back to the service.
                ...(existing ? { checkInherit } : {}),
                reason,
              },
              { onSuccess: onClose },
            )
      }
    >
      {!existing && (
        <label className="mb-2 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={many} onChange={(e) => setMany(e.target.checked)} /> Paste many (one <code className="font-mono">host:port</code> per
          line, named <code className="font-mono">{target.mode === "create" ? target.poolName : ""}-1</code>, -2, …)
        </label>
      )}
      {many ? (
        <Field label="host:port lines">
          {(id) => (
            <textarea
              id={id}
              rows={6}
              value={lines}
              onChange={(e) => setLines(e.target.value)}
              placeholder={"10.0.0.5:8080\n10.0.0.6:8080\n# comments and blank lines are ignored"}
              className={`${ui.input} w-full font-mono`}
            />
          )}
        </Field>
      ) : (
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
      )}
      <CheckEditor
        address={
          many
            ? (lines
                .split("\n")
                .map((l) => l.replace(/#.*/, "").trim())
                .find(Boolean) ?? "")
            : address.trim()
        }
        value={draft}
        onChange={setDraft}
      />
    </ReasonDialog>
  );
}

/** Operators: add an instance with its health check, or edit one (the poller picks it up on its next refresh). */
export function InstanceDialog({ target, onClose }: { target: InstanceTarget | null; onClose: () => void }) {
  // Keyed so each opening starts from the instance as it is now.
  return target ? <Form key={target.mode === "edit" ? target.instance.id : target.poolId} target={target} onClose={onClose} /> : null;
}
