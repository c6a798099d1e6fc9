"use client";

import { useState } from "react";
import { Dialog } from "@/components/common/Dialog";
import { Field } from "@/components/common/Field";
import { fromLocalInput, toLocalInput } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { ServiceView } from "@/lib/services/views";
import { useCreateMaintenance } from "@/lib/queries/use-maintenance";

const HOUR = 3_600_000;

/** Operators: put a service, or one of its instances, in maintenance until a time, with a reason. */
export function MaintenanceDialog({ service, onClose }: { service: ServiceView | null; onClose: () => void }) {
  return (
    <Dialog open={service !== null} title={`Maintenance for ${service?.name ?? ""}`} onClose={onClose}>
      {service && <MaintenanceForm service={service} onDone={onClose} />}
    </Dialog>
  );
}

// Mounted while the dialog is open: the default end is an hour from opening, not from page load.
function MaintenanceForm({ service, onDone }: { service: ServiceView; onDone: () => void }) {
  const create = useCreateMaintenance();
  const [until] = useState(() => toLocalInput(new Date(Date.now() + HOUR).toISOString()));
  const close = () => {
    create.reset();
    onDone();
  };
  const instances = service.pools.flatMap((p) => p.instances);
  return (
    <form
      aria-label="Schedule maintenance"
      className="mt-3 grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const target = String(f.get("target") ?? "");
        create.mutate(
          {
            ...(target === "service" ? { serviceId: service.id } : { instanceId: target }),
            startsAt: fromLocalInput(String(f.get("startsAt") ?? "")),
            endsAt: fromLocalInput(String(f.get("endsAt") ?? "")) ?? "",
            reason: String(f.get("reason") ?? "").trim(),
          },
          { onSuccess: close },
        );
      }}
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">Checks go on during the window, but no faults are opened for what is in maintenance.</p>
      <Field label="What">
        {(id) => (
          <select id={id} name="target" defaultValue="service" className={`${ui.input} block w-full`}>
            <option value="service">the whole service {service.name}</option>
            {instances.map((i) => (
              <option key={i.id} value={i.id}>
                instance {i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Starts (blank: now)">{(id) => <input id={id} name="startsAt" type="datetime-local" className={`${ui.input} block w-full`} />}</Field>
        <Field label="Until">
          {(id) => <input id={id} name="endsAt" type="datetime-local" required defaultValue={until} className={`${ui.input} block w-full`} />}
        </Field>
      </div>
      <p className="-mt-2 text-xs text-slate-500">Times in your browser&apos;s time zone; the list shows UTC.</p>
      <Field label="Reason — recorded in the audit log">
        {(id) => <input id={id} name="reason" required maxLength={500} placeholder="e.g. kernel upgrade, CHG-1234" className={`${ui.input} block w-full`} />}
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
          {create.isPending ? "Saving…" : "Put in maintenance"}
        </button>
      </div>
    </form>
  );
}
