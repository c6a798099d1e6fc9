"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/common/Dialog";
import { Field } from "@/components/common/Field";
import { fromLocalInput } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { FAULT_TYPES, SEVERITIES } from "@/lib/faults/enums";
import type { NewManualFault } from "@/lib/faults/schemas";
import type { ServiceView } from "@/lib/services/views";
import { useCreateFault } from "@/lib/queries/use-faults";

const text = (v: FormDataEntryValue | null) => (v ? String(v).trim() || undefined : undefined);

/** Operators: record a fault the poller cannot see; opens the new fault's page. */
export function NewFaultDialog({ open, onClose, services }: { open: boolean; onClose: () => void; services: ServiceView[] }) {
  const create = useCreateFault();
  const router = useRouter();
  const [serviceId, setServiceId] = useState("");
  const instances = services.find((s) => s.id === serviceId)?.pools.flatMap((p) => p.instances) ?? [];
  const close = () => {
    create.reset();
    setServiceId("");
    onClose();
  };
  return (
    <Dialog open={open} title="Record a fault" onClose={close}>
      <form
        aria-label="Record a fault"
        className="mt-3 grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate(
            {
              serviceId,
              instanceId: text(f.get("instanceId")),
              type: f.get("type") as NewManualFault["type"],
              severity: f.get("severity") as NewManualFault["severity"],
              startedAt: fromLocalInput(text(f.get("startedAt"))),
              cause: String(f.get("cause") ?? ""),
              reason: text(f.get("reason")),
            },
            {
              onSuccess: (fault) => {
                close();
                router.push(`/faults/${fault.key}`);
              },
            },
          );
        }}
      >
        <Field label="Service">
          {(id) => (
            <select id={id} name="serviceId" required value={serviceId} onChange={(e) => setServiceId(e.target.value)} className={`${ui.input} block w-full`}>
              <option value="">choose…</option>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Instance (optional: blank for the whole service)">
          {(id) => (
            <select id={id} name="instanceId" className={`${ui.input} block w-full`} disabled={!serviceId}>
              <option value="">— the service —</option>
              {instances.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Type">
            {(id) => (
              <select id={id} name="type" defaultValue="MANUAL" className={`${ui.input} block w-full`}>
                {FAULT_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Severity">
            {(id) => (
              <select id={id} name="severity" defaultValue="SEV3" className={`${ui.input} block w-full`}>
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Started (local time; blank: now)">
          {(id) => <input id={id} name="startedAt" type="datetime-local" className={`${ui.input} block w-full`} />}
        </Field>
        <Field label="Cause">
          {(id) => (
            <textarea
              id={id}
              name="cause"
              required
              maxLength={4000}
              rows={3}
              placeholder="What is wrong, as far as you know"
              className={`${ui.input} block w-full`}
            />
          )}
        </Field>
        <Field label="Reason (optional) — recorded in the audit log">
          {(id) => <input id={id} name="reason" maxLength={500} className={`${ui.input} block w-full`} />}
        </Field>
        {create.error && (
          <p role="alert" className={ui.error}>
            {create.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={close} className={ui.button}>
            Cancel
          </button>
          <button type="submit" disabled={create.isPending} className={ui.primary}>
            {create.isPending ? "Recording…" : "Record fault"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
