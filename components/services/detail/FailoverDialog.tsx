"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Dialog } from "@/components/common/Dialog";
import { Field } from "@/components/common/Field";
import { ReasonField } from "@/components/common/ReasonField";
import { InlineError } from "@/components/common/InlineError";
import { ui } from "@/components/common/ui";
import { formatDuration } from "@/lib/detection/describe";
import { isForceable } from "@/lib/failover/plan";
import type { ServiceView } from "@/lib/services/views";
import { useFailover, useFailoverPreflight, useStartFailover } from "@/lib/queries/use-failover";
import { FailoverPreflight } from "./FailoverPreflight";
import { FailoverStateBadge } from "./FailoverBadges";
import { FailoverSteps } from "./FailoverSteps";
import { newIdempotencyKey } from "./format";

/** What the dialog was opened for: a new failover or failback (to a pool), or watching a running one. */
export type FailoverRequest = { kind: "failover" | "failback"; toPoolId: string | null; watchId?: string };

/**
 * Operators: fail a service over to a STANDBY pool (or back), after a pre-flight, with a required
 * reason; then the steps as they run, until VERIFIED, FAILED or ROLLED_BACK.
 */
export function FailoverDialog({ service, request, onClose }: { service: ServiceView; request: FailoverRequest | null; onClose: () => void }) {
  const title = request?.watchId ? `Failover of ${service.name}` : request?.kind === "failback" ? `Fail back ${service.name}` : `Fail over ${service.name}`;
  return (
    <Dialog open={request !== null} title={title} onClose={onClose}>
      {request && <FailoverFlow service={service} request={request} onClose={onClose} />}
    </Dialog>
  );
}

function FailoverFlow({ service, request, onClose }: { service: ServiceView; request: FailoverRequest; onClose: () => void }) {
  const [failoverId, setFailoverId] = useState<string | null>(request.watchId ?? null);
  return failoverId ? (
    <FailoverProgress id={failoverId} onClose={onClose} />
  ) : (
    <FailoverPlan service={service} request={request} onStarted={setFailoverId} onCancel={onClose} />
  );
}

function FailoverPlan({
  service,
  request,
  onStarted,
  onCancel,
}: {
  service: ServiceView;
  request: FailoverRequest;
  onStarted: (id: string) => void;
  onCancel: () => void;
}) {
  const standby = service.pools.filter((p) => p.role === "STANDBY");
  const [toPoolId, setToPoolId] = useState<string | null>(request.toPoolId ?? standby[0]?.id ?? null);
  const [reason, setReason] = useState("");
  const [force, setForce] = useState(false);
  // One key per submission: a double click (or the browser resending) gets the same failover back.
  const key = useRef(newIdempotencyKey());
  const preflight = useFailoverPreflight(service.id, toPoolId);
  const start = useStartFailover();
  const pf = preflight.data;
  const refused = pf !== undefined && !pf.ok;
  // Health and weight checks can be overridden; a missing balancer link or an empty pool cannot.
  const forceable = refused && isForceable(pf.reasons);
  const verb = request.kind === "failback" ? "Fail back" : "Fail over";
  const blocked = !pf || pf.running !== null || (refused && !(forceable && force)) || reason.trim() === "" || start.isPending;
  return (
    <form
      aria-label={verb}
      className="mt-3 grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (blocked || !pf) return;
        start.mutate(
          {
            serviceId: service.id,
            kind: request.kind,
            // A failback goes back where the last verified failover came from: the server decides.
            toPoolId: request.kind === "failover" ? (toPoolId ?? undefined) : undefined,
            reason: reason.trim(),
            force: forceable ? force : undefined,
            idempotencyKey: key.current,
          },
          {
            onSuccess: (res) => onStarted(res.id),
            // Refused: a corrected retry is a new submission.
            onError: () => {
              key.current = newIdempotencyKey();
            },
          },
        );
      }}
    >
      {request.kind === "failover" && standby.length > 1 && (
        <Field label="Target pool">
          {(id) => (
            <select id={id} value={toPoolId ?? ""} onChange={(e) => setToPoolId(e.target.value)} className={`${ui.input} block w-full`}>
              {standby.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.state})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {request.kind === "failover" && standby.length === 0 && <p className={ui.error}>{service.name} has no STANDBY pool to fail over to.</p>}
      {preflight.isLoading && <p className="text-sm text-slate-500">Running the pre-flight checks…</p>}
      {preflight.error && !pf && <InlineError error={preflight.error} />}
      {pf && <FailoverPreflight preflight={pf} />}
      {pf?.running && (
        <p role="alert" className="text-sm">
          A failover of {service.name} is already running.{" "}
          <button type="button" className="font-semibold underline" onClick={() => onStarted(pf.running!)}>
            Watch it
          </button>
        </p>
      )}
      {refused && !forceable && <p className="text-sm">Force cannot override these: fix them first.</p>}
      {forceable && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} className="mt-0.5" />
          <span>
            <strong>Force it</strong> despite the checks above (the reason must say why).
          </span>
        </label>
      )}
      <ReasonField value={reason} onChange={setReason} />
      <InlineError error={start.error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={ui.button} onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          disabled={blocked}
          className={
            force && forceable ? "rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-600 disabled:opacity-50" : ui.primary
          }
        >
          {start.isPending ? "Starting…" : `${force && forceable ? "Force: " : ""}${verb} to ${pf?.toPool.name ?? "…"}`}
        </button>
      </div>
    </form>
  );
}

const DONE = new Set(["VERIFIED", "FAILED", "ROLLED_BACK"]);

function FailoverProgress({ id, onClose }: { id: string; onClose: () => void }) {
  const q = useFailover(id);
  const f = q.data;
  const done = f !== undefined && DONE.has(f.state);
  // The page behind shows pools' roles and the history: refresh it the moment this one ends.
  const qc = useQueryClient();
  useEffect(() => {
    if (done) void Promise.all([qc.invalidateQueries({ queryKey: ["service"] }), qc.invalidateQueries({ queryKey: ["service-traffic"] })]);
  }, [done, qc]);
  if (!f) {
    return (
      <div className="mt-3 grid gap-3">
        {q.error ? <InlineError error={q.error} /> : <p className="text-sm text-slate-500">Starting…</p>}
        <div className="flex justify-end">
          <button type="button" className={ui.button} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }
  return (
    <div data-testid="failover-progress" className="mt-3 grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-mono text-xs">
          {f.fromPool.name} → {f.toPool.name}
        </span>
        <span className="inline-flex items-center gap-2">
          {f.durationMs !== null && <span className="text-xs text-slate-500 tabular-nums">in {formatDuration(f.durationMs)}</span>}
          <FailoverStateBadge state={f.state} />
        </span>
      </div>
      <FailoverSteps steps={f.steps} />
      {f.error && (
        <p role="alert" className={ui.error}>
          {f.error}
        </p>
      )}
      {/* A refetch can fail while the failover itself goes on: say so, keep the last steps. */}
      {q.error && <InlineError error={q.error} />}
      <p className="text-xs text-slate-500">
        {done ? "Finished. The steps stay in the service's failover history and the audit log." : "Runs on the server: closing this keeps it going."}
      </p>
      <div className="flex justify-end">
        <button type="button" className={done ? ui.primary : ui.button} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
