"use client";

import { useEffect, useState } from "react";
import { Dialog } from "@/components/common/Dialog";
import { ReasonField } from "@/components/common/ReasonField";
import { InlineError } from "@/components/common/InlineError";
import { ui } from "@/components/common/ui";
import type { BalancerView, ImportDiffView } from "@/lib/balancer/views";
import { useImportBalancer } from "@/lib/queries/use-balancers";
import { Field } from "@/components/common/Field";

/** Admin: what importing a balancer's backends would change (preview), then apply it with a reason. */
export function BalancerImportDialog({ balancer, onClose }: { balancer: BalancerView | null; onClose: () => void }) {
  return (
    <Dialog open={balancer !== null} title={`Import from ${balancer?.name ?? ""}`} onClose={onClose}>
      {balancer && <ImportFlow balancer={balancer} onDone={onClose} />}
    </Dialog>
  );
}

function Diff({ diff }: { diff: ImportDiffView }) {
  return (
    <div className="grid gap-2 text-sm" data-testid="import-diff">
      <p>
        <strong>{diff.added.length}</strong> to add · <strong>{diff.removed.length}</strong> to unlink · <strong>{diff.unchanged}</strong> unchanged
      </p>
      {diff.added.length > 0 && (
        <details open={diff.added.length <= 12}>
          <summary className="cursor-pointer font-medium">Added servers become instances</summary>
          <ul className="mt-1 max-h-48 overflow-auto font-mono text-xs">
            {diff.added.map((a) => (
              <li key={`${a.backend}/${a.server}`} className="border-t border-slate-100 py-0.5 dark:border-slate-800">
                + {a.backend}/{a.server} ({a.address}) → {a.service} / {a.pool} · check: {a.check}
                {a.backup ? " (backup → STANDBY)" : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
      {diff.removed.length > 0 && (
        <details open={diff.removed.length <= 12}>
          <summary className="cursor-pointer font-medium">Gone from HAProxy: unlinked, never deleted</summary>
          <ul className="mt-1 max-h-48 overflow-auto font-mono text-xs">
            {diff.removed.map((r) => (
              <li key={r.instanceId} className="border-t border-slate-100 py-0.5 dark:border-slate-800">
                − {r.instance} ({r.backend}/{r.server})
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

// Mounted while open: asks for the preview once, on opening.
function ImportFlow({ balancer, onDone }: { balancer: BalancerView; onDone: () => void }) {
  const preview = useImportBalancer();
  const apply = useImportBalancer();
  const [reason, setReason] = useState("");
  const [configPath, setConfigPath] = useState("");
  const cfg = configPath.trim() || undefined;
  const { mutate } = preview;
  useEffect(() => mutate({ id: balancer.id, apply: false }), [mutate, balancer.id]);
  const diff = preview.data;
  const nothing = diff !== undefined && diff.added.length === 0 && diff.removed.length === 0;
  if (apply.data) {
    return (
      <div className="mt-3 grid gap-3 text-sm">
        <p role="status">
          Imported: {apply.data.added.length} added, {apply.data.removed.length} unlinked, {apply.data.unchanged} unchanged.
        </p>
        <div className="flex justify-end">
          <button type="button" className={ui.primary} onClick={onDone}>
            Close
          </button>
        </div>
      </div>
    );
  }
  return (
    <form
      aria-label="Import servers"
      className="mt-3 grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() !== "") apply.mutate({ id: balancer.id, apply: true, reason: reason.trim(), configPath: cfg });
      }}
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Each backend becomes a service; its servers the ACTIVE pool, its backup servers the STANDBY pool.
      </p>
      <Field label="haproxy.cfg on this server (optional): take each backend's option httpchk as its instances' check">
        {(id) => (
          <span className="flex gap-2">
            <input
              id={id}
              value={configPath}
              onChange={(e) => setConfigPath(e.target.value)}
              placeholder="/etc/haproxy/haproxy.cfg"
              className={`${ui.input} w-full font-mono`}
            />
            <button type="button" className={ui.button} onClick={() => mutate({ id: balancer.id, apply: false, configPath: cfg })}>
              Read checks
            </button>
          </span>
        )}
      </Field>
      {preview.isPending && <p className="text-sm text-slate-500">Reading HAProxy…</p>}
      <InlineError error={preview.error} />
      {diff && <Diff diff={diff} />}
      {diff && !nothing && <ReasonField value={reason} onChange={setReason} />}
      <InlineError error={apply.error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={ui.button} onClick={onDone}>
          {nothing ? "Close" : "Cancel"}
        </button>
        {!nothing && (
          <button type="submit" className={ui.primary} disabled={!diff || reason.trim() === "" || apply.isPending}>
            {apply.isPending ? "Importing…" : "Apply import"}
          </button>
        )}
      </div>
    </form>
  );
}
