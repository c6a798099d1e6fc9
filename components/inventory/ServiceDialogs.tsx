"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/common/Field";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { ui } from "@/components/common/ui";
import type { CheckFields } from "@/lib/checks/check-inherit";
import type { ServiceView } from "@/lib/services/views";
import { useCreatePool, useCreateService, useEditService, useRemove } from "@/lib/queries/use-inventory";
import { CheckEditor, defaultsDraft, ownCheckOf, type InheritedDraft } from "./CheckEditor";

/** Operators: add a service; opens its page, where pools and instances are added. */
export function AddServiceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateService();
  const router = useRouter();
  const [name, setName] = useState("");
  const [owner, setOwner] = useState("");
  const [description, setDescription] = useState("");
  const [slo, setSlo] = useState("99.9");
  return (
    <ReasonDialog
      open={open}
      title="Add a service"
      confirmLabel="Add service"
      requireReason
      canConfirm={name.trim() !== ""}
      busy={create.isPending}
      error={create.error?.message ?? null}
      onClose={() => {
        create.reset();
        onClose();
      }}
      onConfirm={(reason) =>
        create.mutate(
          { name: name.trim(), owner: owner.trim(), description: description.trim(), sloTargetPct: Number(slo), reason },
          { onSuccess: (s) => router.push(`/services/${s.id}`) },
        )
      }
    >
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name">
          {(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} className={`${ui.input} w-full font-mono`} placeholder="checkout" />}
        </Field>
        <Field label="Owner / team">
          {(id) => <input id={id} value={owner} onChange={(e) => setOwner(e.target.value)} className={`${ui.input} w-full`} />}
        </Field>
        <Field label="Description" className="col-span-2">
          {(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} className={`${ui.input} w-full`} />}
        </Field>
        <Field label="SLO target (%)">
          {(id) => <input id={id} value={slo} onChange={(e) => setSlo(e.target.value)} inputMode="decimal" className={`${ui.input} w-full`} />}
        </Field>
      </div>
    </ReasonDialog>
  );
}

function withHidden(draft: InheritedDraft, check: CheckFields): CheckFields | null {
  const all = { ...draft.hidden, ...check };
  return Object.keys(all).length ? all : null;
}

/**
 * Operators: the check defaults a service's instances inherit (each instance can still set its
 * own fields). Saving carries them to every instance that inherits, on the poller's next refresh.
 */
export function CheckDefaultsDialog({ service, onClose }: { service: ServiceView; onClose: () => void }) {
  const edit = useEditService();
  const [draft, setDraft] = useState<InheritedDraft>(defaultsDraft(service.checkDefaults));
  const { check } = ownCheckOf(draft);
  return (
    <ReasonDialog
      open
      wide
      title={`Check defaults of ${service.name}`}
      confirmLabel="Save defaults"
      requireReason
      busy={edit.isPending}
      error={edit.error?.message ?? null}
      onClose={onClose}
      // Fields the editor cannot show (headers) are kept as they are.
      onConfirm={(reason) => edit.mutate({ serviceId: service.id, checkDefaults: withHidden(draft, check), reason }, { onSuccess: onClose })}
    >
      <p className="text-sm">Every instance of {service.name} uses these fields unless it sets its own (its editor marks which values are inherited).</p>
      <CheckEditor value={draft} onChange={setDraft} />
    </ReasonDialog>
  );
}

/** Operators: add a pool (ACTIVE or STANDBY) to a service. */
export function AddPoolDialog({ serviceId, open, onClose }: { serviceId: string; open: boolean; onClose: () => void }) {
  const create = useCreatePool();
  const [name, setName] = useState("");
  const [role, setRole] = useState<"ACTIVE" | "STANDBY">("ACTIVE");
  return (
    <ReasonDialog
      open={open}
      title="Add a pool"
      confirmLabel="Add pool"
      requireReason
      canConfirm={name.trim() !== ""}
      busy={create.isPending}
      error={create.error?.message ?? null}
      onClose={() => {
        create.reset();
        setName("");
        onClose();
      }}
      onConfirm={(reason) => create.mutate({ serviceId, name: name.trim(), role, reason }, { onSuccess: onClose })}
    >
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name">
          {(id) => (
            <input id={id} value={name} onChange={(e) => setName(e.target.value)} className={`${ui.input} w-full font-mono`} placeholder="checkout-blue" />
          )}
        </Field>
        <Field label="Role">
          {(id) => (
            <select id={id} value={role} onChange={(e) => setRole(e.target.value as "ACTIVE" | "STANDBY")} className={`${ui.input} w-full`}>
              <option value="ACTIVE">ACTIVE — takes the traffic</option>
              <option value="STANDBY">STANDBY — failover target</option>
            </select>
          )}
        </Field>
      </div>
    </ReasonDialog>
  );
}

/** Admins: remove an instance or a service. With faults on record it is archived, not deleted. */
export function RemoveDialog({ target, onClose }: { target: { kind: "instances" | "services"; id: string; name: string } | null; onClose: () => void }) {
  const remove = useRemove();
  return (
    <ReasonDialog
      open={target !== null}
      title={target ? `Remove ${target.name}?` : ""}
      confirmLabel="Remove"
      danger
      requireReason
      busy={remove.isPending}
      error={remove.error?.message ?? null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={(reason) => target && remove.mutate({ kind: target.kind, id: target.id, reason }, { onSuccess: onClose })}
    >
      If it has fault records it is <strong>archived</strong>: no longer polled or shown in the fleet, but its faults stay in the Faults list, the reports and
      the audit log. Without history it is deleted.
    </ReasonDialog>
  );
}
