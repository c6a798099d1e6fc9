"use client";

import { useState } from "react";
import { Dialog } from "@/components/common/Dialog";
import { Field } from "@/components/common/Field";
import { ReasonField } from "@/components/common/ReasonField";
import { InlineError } from "@/components/common/InlineError";
import { ui } from "@/components/common/ui";
import { MAX_WEIGHT } from "@/lib/balancer/haproxy/commands";
import type { InstanceView, ServiceView } from "@/lib/services/views";
import { useInstanceUpdate } from "@/lib/queries/use-instance-update";
import { TrafficShareTable } from "./TrafficShareTable";

const clamp = (n: number) => Math.min(MAX_WEIGHT, Math.max(0, Math.round(n)));

/** Operators: set an instance's HAProxy weight (0–256) with a slider or a number, seeing the traffic shares first. */
export function WeightDialog({ service, instance, onClose }: { service: ServiceView; instance: InstanceView | null; onClose: () => void }) {
  return (
    <Dialog open={instance !== null} title={`Weight of ${instance?.name ?? ""}`} onClose={onClose}>
      {instance && <WeightForm service={service} instance={instance} onDone={onClose} />}
    </Dialog>
  );
}

// Mounted while open: starts from the desired weight at the moment the dialog opened.
function WeightForm({ service, instance, onDone }: { service: ServiceView; instance: InstanceView; onDone: () => void }) {
  const update = useInstanceUpdate();
  const [weight, setWeight] = useState(instance.desired.weight);
  // The number field may be blank or half-typed while the slider always holds a whole number.
  const [typed, setTyped] = useState(String(instance.desired.weight));
  const [reason, setReason] = useState("");
  const actual = instance.actual?.weight;
  const unchanged = weight === instance.desired.weight;
  return (
    <form
      aria-label="Set weight"
      className="mt-3 grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === "" || unchanged) return;
        update.mutate({ id: instance.id, weight, reason: reason.trim() }, { onSuccess: onDone });
      }}
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Desired now: <strong className="tabular-nums">{instance.desired.weight}</strong>
        {actual !== undefined && actual !== null && actual !== instance.desired.weight && <> (HAProxy reports {actual})</>}. From 0 (no new requests; open
        sessions finish) to {MAX_WEIGHT}.
      </p>
      <div className="flex items-end gap-3">
        <Field label="Weight slider" className="grow">
          {(id) => (
            <input
              id={id}
              type="range"
              min={0}
              max={MAX_WEIGHT}
              step={1}
              value={weight}
              onChange={(e) => {
                setWeight(clamp(Number(e.target.value)));
                setTyped(e.target.value);
              }}
              className="block w-full accent-sky-700"
            />
          )}
        </Field>
        <Field label="Weight">
          {(id) => (
            <input
              id={id}
              type="number"
              min={0}
              max={MAX_WEIGHT}
              step={1}
              required
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                if (e.target.value !== "" && Number.isFinite(Number(e.target.value))) setWeight(clamp(Number(e.target.value)));
              }}
              onBlur={() => setTyped(String(weight))}
              className={`${ui.input} w-24 tabular-nums`}
            />
          )}
        </Field>
      </div>
      <div>
        <p className={`${ui.label} mb-1`}>Resulting share of new requests</p>
        <TrafficShareTable service={service} changed={instance} weight={weight} />
        <p className="mt-1 text-xs text-slate-500">
          By HAProxy&apos;s weighted round-robin over READY instances that are not DOWN; a STANDBY pool serves only when no ACTIVE instance can.
        </p>
      </div>
      <ReasonField value={reason} onChange={setReason} />
      <InlineError error={update.error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={ui.button} onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className={ui.primary} disabled={update.isPending || unchanged || reason.trim() === ""}>
          {update.isPending ? "Applying…" : `Apply weight ${weight}`}
        </button>
      </div>
    </form>
  );
}
