"use client";

import { useState, type ReactNode } from "react";
import { Field } from "@/components/common/Field";
import { ReasonField } from "@/components/common/ReasonField";
import { InlineError } from "@/components/common/InlineError";
import { ui } from "@/components/common/ui";
import type { ServicePolicy, ServiceView } from "@/lib/services/views";
import { useUpdateServicePolicy } from "@/lib/queries/use-service-policy";
import { card, heading, muted } from "./format";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 border-t border-slate-100 py-1.5 first:border-t-0 dark:border-slate-800">
      <dt className={muted}>{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

function PolicyFacts({ policy }: { policy: ServicePolicy }) {
  return (
    <dl className="text-sm" data-testid="policy">
      <Row term="Automatic drain">{policy.autoDrain ? `on, at most ${policy.maxAutoDrainPct} % of a pool` : "off"}</Row>
      <Row term="Automatic failover">{policy.autoFailover ? `on, after ${policy.autoFailoverAfterSec} s without a serving ACTIVE pool` : "off"}</Row>
      <Row term="Failover cooldown">{policy.failoverCooldownSec} s</Row>
    </dl>
  );
}

const num = "w-24 tabular-nums " + ui.input;

function PolicyForm({ service, onDone }: { service: ServiceView; onDone: () => void }) {
  const update = useUpdateServicePolicy();
  const [p, setP] = useState<ServicePolicy>(service.policy);
  const [reason, setReason] = useState("");
  const set = <K extends keyof ServicePolicy>(k: K, v: ServicePolicy[K]) => setP((old) => ({ ...old, [k]: v }));
  return (
    <form
      aria-label="Automation policy"
      className="grid gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === "") return;
        update.mutate({ id: service.id, ...p, reason: reason.trim() }, { onSuccess: onDone });
      }}
    >
      <fieldset className="grid gap-2">
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" checked={p.autoDrain} onChange={(e) => set("autoDrain", e.target.checked)} />
          Drain instances that go DOWN automatically
        </label>
        <Field label="…but never more than this % of a pool">
          {(id) => (
            <input
              id={id}
              type="number"
              min={0}
              max={100}
              required
              disabled={!p.autoDrain}
              value={p.maxAutoDrainPct}
              onChange={(e) => set("maxAutoDrainPct", Number(e.target.value))}
              className={num}
            />
          )}
        </Field>
      </fieldset>
      <fieldset className="grid gap-2">
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" checked={p.autoFailover} onChange={(e) => set("autoFailover", e.target.checked)} />
          Fail over automatically when the ACTIVE pool stops serving
        </label>
        <div className="flex flex-wrap gap-3">
          <Field label="after (seconds)">
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                required
                disabled={!p.autoFailover}
                value={p.autoFailoverAfterSec}
                onChange={(e) => set("autoFailoverAfterSec", Number(e.target.value))}
                className={num}
              />
            )}
          </Field>
          <Field label="cooldown (seconds)">
            {(id) => (
              <input
                id={id}
                type="number"
                min={0}
                required
                value={p.failoverCooldownSec}
                onChange={(e) => set("failoverCooldownSec", Number(e.target.value))}
                className={num}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <ReasonField value={reason} onChange={setReason} />
      <InlineError error={update.error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={ui.button} onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className={ui.primary} disabled={update.isPending || reason.trim() === ""}>
          {update.isPending ? "Saving…" : "Save policy"}
        </button>
      </div>
    </form>
  );
}

/** The service's automatic drain/failover policy; operators change it with a reason, viewers read it. */
export function PolicyPanel({ service, canOperate }: { service: ServiceView; canOperate: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="policy-h" className={`${card} min-w-0 self-start`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="policy-h" className={heading}>
          Automation
        </h2>
        {canOperate && !editing && (
          <button type="button" className={ui.button} onClick={() => setEditing(true)}>
            Edit policy
          </button>
        )}
      </div>
      {editing ? <PolicyForm service={service} onDone={() => setEditing(false)} /> : <PolicyFacts policy={service.policy} />}
    </section>
  );
}
