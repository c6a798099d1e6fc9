"use client";

import { Field } from "@/components/common/Field";
import { ui } from "@/components/common/ui";
import type { CheckInput } from "@/lib/checks/check-input";
import { useTestCheck } from "@/lib/queries/use-inventory";

/** The editor's state: every field as typed (numbers as text until sent). */
export interface CheckDraft {
  kind: "HTTP" | "HTTPS" | "TCP";
  method: string;
  path: string;
  expectedStatuses: string;
  bodyContains: string;
  jsonPath: string;
  jsonEquals: string;
  timeoutMs: string;
  intervalMs: string;
  rise: string;
  fall: string;
  degradedLatencyMs: string;
  certExpiryDays: string;
}

/** The poller's defaults (schema.prisma), for a new instance. */
export const DEFAULT_DRAFT: CheckDraft = {
  kind: "HTTP",
  method: "GET",
  path: "/healthz",
  expectedStatuses: "200",
  bodyContains: "",
  jsonPath: "",
  jsonEquals: "",
  timeoutMs: "2000",
  intervalMs: "5000",
  rise: "2",
  fall: "2",
  degradedLatencyMs: "",
  certExpiryDays: "",
};

export function draftOf(c: Required<CheckInput>): CheckDraft {
  return {
    kind: c.kind,
    method: c.method,
    path: c.path,
    expectedStatuses: c.expectedStatuses.join(", "),
    bodyContains: c.bodyContains ?? "",
    jsonPath: c.jsonPath ?? "",
    jsonEquals: c.jsonEquals ?? "",
    timeoutMs: String(c.timeoutMs),
    intervalMs: String(c.intervalMs),
    rise: String(c.rise),
    fall: String(c.fall),
    degradedLatencyMs: c.degradedLatencyMs === null ? "" : String(c.degradedLatencyMs),
    certExpiryDays: c.certExpiryDays === null ? "" : String(c.certExpiryDays),
  };
}

const num = (s: string) => (s.trim() === "" ? null : Number(s));

/** What the API gets: the server validates and names a wrong field (the browser only shapes it). */
export function checkOfDraft(d: CheckDraft): CheckInput {
  const common = {
    timeoutMs: num(d.timeoutMs) ?? undefined,
    intervalMs: num(d.intervalMs) ?? undefined,
    rise: num(d.rise) ?? undefined,
    fall: num(d.fall) ?? undefined,
  };
  if (d.kind === "TCP") return { kind: "TCP", ...common };
  return {
    kind: d.kind,
    ...common,
    method: d.method as CheckInput["method"],
    path: d.path,
    expectedStatuses: d.expectedStatuses
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
    bodyContains: d.bodyContains || null,
    jsonPath: d.jsonPath || null,
    jsonEquals: d.jsonPath ? d.jsonEquals || null : null,
    degradedLatencyMs: num(d.degradedLatencyMs),
    certExpiryDays: d.kind === "HTTPS" ? num(d.certExpiryDays) : null,
  };
}

function Text({
  label,
  value,
  onChange,
  placeholder,
  mono,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  mono?: boolean;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          className={`${ui.input} w-full ${mono ? "font-mono" : ""}`}
        />
      )}
    </Field>
  );
}

/**
 * Every health-check field the poller supports, and "Test check now": the server runs the probe
 * once and shows the verdict and the cause exactly as the poller would record it.
 */
export function CheckEditor({ address, draft, onChange }: { address: string; draft: CheckDraft; onChange: (d: CheckDraft) => void }) {
  const test = useTestCheck();
  const set = (k: keyof CheckDraft) => (v: string) => onChange({ ...draft, [k]: v });
  const http = draft.kind !== "TCP";
  return (
    <fieldset className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="check-editor">
      <legend className="px-1 text-sm font-semibold">Health check</legend>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Kind">
          {(id) => (
            <select id={id} value={draft.kind} onChange={(e) => set("kind")(e.target.value)} className={`${ui.input} w-full`}>
              <option>HTTP</option>
              <option>HTTPS</option>
              <option>TCP</option>
            </select>
          )}
        </Field>
        {http && (
          <Field label="Method">
            {(id) => (
              <select id={id} value={draft.method} onChange={(e) => set("method")(e.target.value)} className={`${ui.input} w-full`}>
                {["GET", "HEAD", "POST", "OPTIONS"].map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        {http && (
          <div className="col-span-2">
            <Text label="Path" value={draft.path} onChange={set("path")} placeholder="/health" mono />
          </div>
        )}
        <Text label="Interval (ms, ≥ 1000)" value={draft.intervalMs} onChange={set("intervalMs")} />
        <Text label="Timeout (ms)" value={draft.timeoutMs} onChange={set("timeoutMs")} />
        <Text label="Fall (failures → DOWN)" value={draft.fall} onChange={set("fall")} />
        <Text label="Rise (passes → UP)" value={draft.rise} onChange={set("rise")} />
        {http && <Text label="Expected statuses" value={draft.expectedStatuses} onChange={set("expectedStatuses")} placeholder="200, 204" />}
        {http && <Text label="Body contains" value={draft.bodyContains} onChange={set("bodyContains")} />}
        {http && <Text label="JSON path" value={draft.jsonPath} onChange={set("jsonPath")} placeholder="status" mono />}
        {http && <Text label="JSON equals" value={draft.jsonEquals} onChange={set("jsonEquals")} placeholder="ok" mono />}
        {http && <Text label="Degraded above (ms)" value={draft.degradedLatencyMs} onChange={set("degradedLatencyMs")} />}
        {draft.kind === "HTTPS" && <Text label="Certificate expiry (days)" value={draft.certExpiryDays} onChange={set("certExpiryDays")} />}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className={ui.button} disabled={!address || test.isPending} onClick={() => test.mutate({ address, check: checkOfDraft(draft) })}>
          {test.isPending ? "Testing…" : "Test check now"}
        </button>
        {test.error && <span className={ui.error}>{test.error.message}</span>}
        {test.data && (
          <span
            data-testid="check-test-result"
            className={`text-sm ${test.data.level === "FAIL" ? "text-red-700 dark:text-red-400" : "text-emerald-800 dark:text-emerald-300"}`}
          >
            <strong>{test.data.level}</strong>
            {test.data.type ? ` ${test.data.type}` : ""} — {test.data.cause ?? test.data.message}
          </span>
        )}
      </div>
    </fieldset>
  );
}
