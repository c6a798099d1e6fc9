"use client";

import { Field } from "@/components/common/Field";
import { ui } from "@/components/common/ui";
import type { CheckInput } from "@/lib/checks/check-input";
import { BUILT_IN_CHECK, resolveCheck, type CheckField, type CheckFields } from "@/lib/checks/check-inherit";
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
  tlsCa: string;
}

type DraftKey = keyof CheckDraft;
const DRAFT_KEYS = Object.keys({
  kind: 0,
  method: 0,
  path: 0,
  expectedStatuses: 0,
  bodyContains: 0,
  jsonPath: 0,
  jsonEquals: 0,
  timeoutMs: 0,
  intervalMs: 0,
  rise: 0,
  fall: 0,
  degradedLatencyMs: 0,
  certExpiryDays: 0,
  tlsCa: 0,
} satisfies Record<DraftKey, 0>) as DraftKey[];

/**
 * An editor's state with inheritance: `own` holds the fields set at this level (typed text),
 * `inherited` what applies to every other field (from the service's defaults or built in).
 */
export interface InheritedDraft {
  own: Partial<CheckDraft>;
  inherited: CheckDraft;
  /** The inherited fields the service sets (labelled "from service"); the rest are built in ("default"). */
  fromService: readonly string[];
  /** The fields set at this level when the editor opened: only those can be handed back (`checkInherit`). */
  initialOwn: readonly string[];
  /** Fields the editor has no input for (headers), as they apply: sent with "Test check now". */
  hidden: CheckFields;
}

/** An instance's check as the editor shows it: its own fields over its service's defaults. */
export function instanceDraft(defaults: CheckFields | null, check?: Required<CheckInput>, overrides: readonly string[] = []): InheritedDraft {
  const own = check ? pick(draftOf(check), overrides) : {};
  const headers = check?.headers ?? defaults?.headers;
  return {
    own,
    inherited: draftOf(resolveCheck(defaults, {})),
    fromService: Object.keys(defaults ?? {}),
    initialOwn: Object.keys(own),
    hidden: headers && Object.keys(headers).length ? { headers } : {},
  };
}

/** A service's check defaults as the editor shows them: set fields over the built-in check. */
export function defaultsDraft(defaults: CheckFields | null): InheritedDraft {
  const own = pick(draftOf(resolveCheck(defaults, {})), Object.keys(defaults ?? {}));
  return {
    own,
    inherited: draftOf(BUILT_IN_CHECK),
    fromService: [],
    initialOwn: Object.keys(own),
    hidden: defaults?.headers ? { headers: defaults.headers } : {},
  };
}

function pick(d: CheckDraft, keys: readonly string[]): Partial<CheckDraft> {
  return Object.fromEntries(DRAFT_KEYS.filter((k) => keys.includes(k)).map((k) => [k, d[k]]));
}

/** The whole check the editor shows (for "Test check now"). */
const effectiveDraft = (d: InheritedDraft): CheckDraft => ({ ...d.inherited, ...d.own });

const orNull = (t: string) => (t.trim() === "" ? null : t.trim());
const numOrNull = (t: string) => (t.trim() === "" ? null : Number(t));
/** A required number left empty: not set here (inherited again). */
const numOrUnset = (t: string) => (t.trim() === "" ? undefined : Number(t));

/** One typed field as the API speaks it, whatever the kind (a field the kind hides keeps its value). */
function fieldValue(k: DraftKey, t: string): unknown {
  switch (k) {
    case "expectedStatuses":
      return t
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
    case "bodyContains":
    case "jsonPath":
    case "jsonEquals":
    case "tlsCa":
      return orNull(t);
    case "degradedLatencyMs":
    case "certExpiryDays":
      return numOrNull(t);
    case "timeoutMs":
    case "intervalMs":
    case "rise":
    case "fall":
      return numOrUnset(t);
    default:
      return t;
  }
}

/**
 * What the API gets: the fields set at this level (`check`), and `checkInherit` — the fields that
 * were set here when the editor opened and no longer are (reset, or a number emptied). Fields the
 * editor cannot show are never handed back.
 */
export function ownCheckOf(d: InheritedDraft): { check: CheckFields; checkInherit: CheckField[] } {
  const check: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(d.own) as Array<[DraftKey, string]>) {
    const v = fieldValue(k, t);
    if (v !== undefined) check[k] = v;
  }
  return { check: check as CheckFields, checkInherit: d.initialOwn.filter((k) => !(k in check)) as CheckField[] };
}

function draftOf(c: Required<CheckInput>): CheckDraft {
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
    tlsCa: c.tlsCa ?? "",
  };
}

const HTTP_ONLY: readonly DraftKey[] = ["method", "path", "expectedStatuses", "bodyContains", "jsonPath", "jsonEquals", "degradedLatencyMs"];
const HTTPS_ONLY: readonly DraftKey[] = ["certExpiryDays", "tlsCa"];

/**
 * The whole check the editor shows, as "Test check now" sends it: the same per-field conversion
 * as a save (`fieldValue`); fields the kind does not use are left out (TCP) or off (HTTP).
 */
function checkOfDraft(d: CheckDraft): CheckInput {
  const out: Record<string, unknown> = {};
  for (const k of DRAFT_KEYS) {
    if (d.kind === "TCP" && (HTTP_ONLY.includes(k) || HTTPS_ONLY.includes(k))) continue;
    const v = d.kind === "HTTP" && HTTPS_ONLY.includes(k) ? null : fieldValue(k, d[k]);
    if (v !== undefined) out[k] = v;
  }
  if (d.kind !== "TCP" && !out.jsonPath) out.jsonEquals = null;
  return out as CheckInput;
}

/** A field's label with where its value comes from; a field set here can go back to inheriting. */
function Source({ own, fromService, onReset, label }: { own: boolean; fromService: boolean; onReset: () => void; label: string }) {
  return own ? (
    <button type="button" onClick={onReset} aria-label={`Inherit ${label}`} className="ml-1 text-xs font-normal text-sky-800 underline dark:text-sky-300">
      set here · inherit
    </button>
  ) : (
    <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400" data-testid="inherited">
      {fromService ? "from service" : "default"}
    </span>
  );
}

/**
 * Every health-check field the poller supports, each set here or inherited (and marked so), and
 * "Test check now": the server runs the probe once and shows the verdict and the cause exactly as
 * the poller would record it.
 */
export function CheckEditor({ address, value, onChange }: { address?: string; value: InheritedDraft; onChange: (d: InheritedDraft) => void }) {
  const test = useTestCheck();
  const draft = effectiveDraft(value);
  const set = (k: DraftKey) => (v: string) => onChange({ ...value, own: { ...value.own, [k]: v } });
  const reset = (k: DraftKey) => () => {
    const own = { ...value.own };
    delete own[k];
    onChange({ ...value, own });
  };
  const aside = (k: DraftKey, text: string) => <Source own={k in value.own} fromService={value.fromService.includes(k)} onReset={reset(k)} label={text} />;
  const text = (k: DraftKey, name: string, o: { placeholder?: string; mono?: boolean; wide?: boolean } = {}) => (
    <Field label={name} aside={aside(k, name)} className={o.wide ? "col-span-2" : undefined}>
      {(id) => (
        <input
          id={id}
          value={draft[k]}
          placeholder={o.placeholder}
          onChange={(e) => set(k)(e.target.value)}
          className={`${ui.input} w-full ${o.mono ? "font-mono" : ""} ${k in value.own ? "" : "text-slate-500 dark:text-slate-400"}`}
        />
      )}
    </Field>
  );
  const http = draft.kind !== "TCP";
  return (
    <fieldset className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="check-editor">
      <legend className="px-1 text-sm font-semibold">Health check</legend>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">Grey values are inherited (each field says from where); typing in a field sets it here.</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Kind" aside={aside("kind", "Kind")}>
          {(id) => (
            <select id={id} value={draft.kind} onChange={(e) => set("kind")(e.target.value)} className={`${ui.input} w-full`}>
              <option>HTTP</option>
              <option>HTTPS</option>
              <option>TCP</option>
            </select>
          )}
        </Field>
        {http && (
          <Field label="Method" aside={aside("method", "Method")}>
            {(id) => (
              <select id={id} value={draft.method} onChange={(e) => set("method")(e.target.value)} className={`${ui.input} w-full`}>
                {["GET", "HEAD", "POST", "OPTIONS"].map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        {http && text("path", "Path", { placeholder: "/health", mono: true, wide: true })}
        {text("intervalMs", "Interval (ms, ≥ 1000)")}
        {text("timeoutMs", "Timeout (ms)")}
        {text("fall", "Fall (failures → DOWN)")}
        {text("rise", "Rise (passes → UP)")}
        {http && text("expectedStatuses", "Expected statuses", { placeholder: "200, 204" })}
        {http && text("bodyContains", "Body contains")}
        {http && text("jsonPath", "JSON path", { placeholder: "status", mono: true })}
        {http && text("jsonEquals", "JSON equals", { placeholder: "ok", mono: true })}
        {http && text("degradedLatencyMs", "Degraded above (ms)")}
        {draft.kind === "HTTPS" && text("certExpiryDays", "Certificate expiry (days)")}
        {draft.kind === "HTTPS" && (
          <Field label="Private CA (PEM)" aside={aside("tlsCa", "Private CA (PEM)")} className="col-span-2 sm:col-span-4">
            {(id) => (
              <textarea
                id={id}
                rows={3}
                value={draft.tlsCa}
                placeholder="-----BEGIN CERTIFICATE----- … (trusted besides the system CAs)"
                onChange={(e) => set("tlsCa")(e.target.value)}
                className={`${ui.input} w-full font-mono text-xs ${"tlsCa" in value.own ? "" : "text-slate-500 dark:text-slate-400"}`}
              />
            )}
          </Field>
        )}
      </div>
      {address !== undefined && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={ui.button}
            disabled={!address || test.isPending}
            onClick={() => test.mutate({ address, check: { ...checkOfDraft(draft), ...value.hidden } })}
          >
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
      )}
    </fieldset>
  );
}
