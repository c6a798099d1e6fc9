"use client";

import { PlugZap } from "lucide-react";
import { useState } from "react";
import { Field } from "@/components/common/Field";
import { InlineError } from "@/components/common/InlineError";
import { ui } from "@/components/common/ui";
import { useCreateBalancer, useTestBalancer } from "@/lib/queries/use-balancers";
import { DRIFT_POLICY_HELP, DriftPolicySelect, type DriftPolicy } from "./DriftPolicySelect";

const EMPTY = { name: "", runtimeApi: "", serverStateFile: "", driftPolicy: "REAPPLY" as DriftPolicy, reason: "" };

/** Admin: register an HAProxy by its Runtime API address, after testing the connection if wanted. */
export function ConnectBalancerForm() {
  const [f, setF] = useState(EMPTY);
  const test = useTestBalancer();
  const create = useCreateBalancer();
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => {
    setF((old) => ({ ...old, [k]: v }));
    // A test result is about the address it was run on.
    if (k === "runtimeApi") test.reset();
  };
  const probe = test.data;
  return (
    <form
      aria-label="Connect a balancer"
      className="mb-4 grid gap-3 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            name: f.name.trim(),
            runtimeApi: f.runtimeApi.trim(),
            serverStateFile: f.serverStateFile.trim() || null,
            driftPolicy: f.driftPolicy,
            reason: f.reason.trim() || undefined,
          },
          {
            onSuccess: () => {
              setF(EMPTY);
              test.reset();
            },
          },
        );
      }}
    >
      <h3 className="text-sm font-semibold">Connect a balancer</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name">
          {(id) => (
            <input
              id={id}
              required
              value={f.name}
              onChange={(e) => set("name", e.target.value)}
              placeholder="edge-haproxy"
              className={`${ui.input} block w-full`}
            />
          )}
        </Field>
        <Field label="Runtime API address">
          {(id) => (
            <input
              id={id}
              required
              value={f.runtimeApi}
              onChange={(e) => set("runtimeApi", e.target.value)}
              placeholder="unix:/run/haproxy/admin.sock or 127.0.0.1:9999"
              className={`${ui.input} block w-full font-mono`}
            />
          )}
        </Field>
        <Field label="Server-state file (optional)">
          {(id) => (
            <input
              id={id}
              value={f.serverStateFile}
              onChange={(e) => set("serverStateFile", e.target.value)}
              placeholder="/var/lib/haproxy/server-state"
              className={`${ui.input} block w-full font-mono`}
            />
          )}
        </Field>
        <Field label="When HAProxy drifts from the desired state">
          {(id) => (
            <span className="flex flex-wrap items-center gap-2">
              <DriftPolicySelect id={id} value={f.driftPolicy} onChange={(p) => set("driftPolicy", p)} />
              <span className="text-xs text-slate-500">{DRIFT_POLICY_HELP[f.driftPolicy]}</span>
            </span>
          )}
        </Field>
        <Field label="Reason (optional)" className="sm:col-span-2">
          {(id) => <input id={id} maxLength={500} value={f.reason} onChange={(e) => set("reason", e.target.value)} className={`${ui.input} block w-full`} />}
        </Field>
      </div>
      <p className="text-xs text-slate-500">
        The server-state file is where HAProxy keeps runtime weights and states across a reload (<code className="font-mono">server-state-file</code> +{" "}
        <code className="font-mono">load-server-state-from-file global</code>); Faultline writes it before reloads so changes made here survive.
      </p>
      {probe && (
        <div
          role="status"
          data-testid="balancer-probe"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p className="font-semibold">Connected: HAProxy {probe.version}</p>
          {probe.backends.length === 0 ? (
            <p>No backends.</p>
          ) : (
            <ul className="mt-1 font-mono text-xs">
              {probe.backends.map((b) => (
                <li key={b.name}>
                  {b.name}: {b.servers} server{b.servers === 1 ? "" : "s"}
                  {b.backups > 0 ? ` (${b.backups} backup)` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <InlineError error={test.error} />
      <InlineError error={create.error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button
          type="button"
          className={`${ui.button} inline-flex items-center gap-1`}
          disabled={f.runtimeApi.trim() === "" || test.isPending}
          onClick={() => test.mutate({ runtimeApi: f.runtimeApi.trim() })}
        >
          <PlugZap aria-hidden className="size-4" />
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" className={ui.primary} disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Save balancer"}
        </button>
      </div>
    </form>
  );
}
