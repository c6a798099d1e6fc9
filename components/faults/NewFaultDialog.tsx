"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/common/Dialog";
import { fromLocalInput } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { FAULT_TYPES, SEVERITIES } from "@/lib/faults/enums";
import type { NewManualFault } from "@/lib/faults/schemas";
import type { ServiceView } from "@/lib/fleet/views";
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
        <label className={ui.label}>
          Service
          <select name="serviceId" required value={serviceId} onChange={(e) => setServiceId(e.target.value)} className={`${ui.input} mt-1 block w-full`}>
            <option value="">choose…</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className={ui.label}>
          Instance (optional: blank for the whole service)
          <select name="instanceId" className={`${ui.input} mt-1 block w-full`} disabled={!serviceId}>
            <option value="">— the service —</option>
            {instances.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <div className="grid grid-cols-2 gap-3">
          <label className={ui.label}>
            Type
            <select name="type" defaultValue="MANUAL" className={`${ui.input} mt-1 block w-full`}>
              {FAULT_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className={ui.label}>
            Severity
            <select name="severity" defaultValue="SEV3" className={`${ui.input} mt-1 block w-full`}>
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
        <label className={ui.label}>
          Started (local time; blank: now)
          <input name="startedAt" type="datetime-local" className={`${ui.input} mt-1 block w-full`} />
        </label>
        <label className={ui.label}>
          Cause
          <textarea name="cause" required maxLength={4000} rows={3} placeholder="What is wrong, as far as you know" className={`${ui.input} mt-1 block w-full`} />
        </label>
        <label className={ui.label}>
          Reason (optional) — recorded in the audit log
          <input name="reason" maxLength={500} className={`${ui.input} mt-1 block w-full`} />
        </label>
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
