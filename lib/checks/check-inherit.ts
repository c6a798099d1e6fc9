/**
 * Check inheritance, pure: a service sets check defaults once, each instance overrides the fields
 * it sets itself, and everything else comes from the built-in defaults. The instance's check
 * columns hold the resolved result (the poller reads them without joins); `checkOverrides` names
 * the fields that are the instance's own, so a change of the service's defaults can be carried to
 * every instance that inherits. Browser-safe and zod-free (the schema is `CheckFields` in check-input.ts).
 */
import type { CheckFields, CheckInput } from "./check-input";

export type { CheckFields } from "./check-input";
export type CheckField = keyof CheckFields;
type FullCheck = Required<CheckInput>;

/** Every check field, in the schema's order (no zod here: the browser bundle would need eval). */
export const CHECK_FIELDS = [
  "kind",
  "method",
  "path",
  "headers",
  "expectedStatuses",
  "bodyContains",
  "jsonPath",
  "jsonEquals",
  "timeoutMs",
  "intervalMs",
  "rise",
  "fall",
  "degradedLatencyMs",
  "certExpiryDays",
  "tlsCa",
] as const satisfies readonly CheckField[];

/** The poller's defaults (the Instance columns' defaults in schema.prisma). */
export const BUILT_IN_CHECK: FullCheck = {
  kind: "HTTP",
  method: "GET",
  path: "/healthz",
  headers: {},
  expectedStatuses: [200],
  bodyContains: null,
  jsonPath: null,
  jsonEquals: null,
  timeoutMs: 2000,
  intervalMs: 5000,
  rise: 2,
  fall: 2,
  degradedLatencyMs: null,
  certExpiryDays: null,
  tlsCa: null,
};

/** Text conditions where empty means "off", as the columns store them. */
const EMPTY_IS_OFF = new Set<string>(["bodyContains", "jsonPath", "tlsCa"]);

/**
 * Only the fields that are set (an explicit `null` — "off" — is set; `undefined` is not), in one
 * canonical form: the schema's order, header names sorted (JSONB stores keys in its own order),
 * an empty text condition as `null` — so a file, the database and a diff read the same.
 */
export function setFields(c: CheckFields | null | undefined): CheckFields {
  const src = (c ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    CHECK_FIELDS.filter((k) => src[k] !== undefined).map((k) => {
      const v = src[k];
      if (k === "headers" && v) return [k, Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))];
      return [k, EMPTY_IS_OFF.has(k) && v === "" ? null : v];
    }),
  ) as CheckFields;
}

/** Whether two checks are the same check (in the canonical form above). */
export const sameCheck = (a: CheckFields, b: CheckFields): boolean => JSON.stringify(setFields(a)) === JSON.stringify(setFields(b));

/** The check an instance runs: built-in ⊕ service defaults ⊕ its own fields. */
export function resolveCheck(defaults: CheckFields | null | undefined, own: CheckFields | null | undefined): FullCheck {
  return { ...BUILT_IN_CHECK, ...setFields(defaults), ...setFields(own) };
}

/** An instance's own fields, read back from its resolved check and the names it overrides. */
export function ownFields(check: FullCheck, overrides: readonly string[]): CheckFields {
  const out: Record<string, unknown> = {};
  for (const k of CHECK_FIELDS) if (overrides.includes(k)) out[k] = check[k];
  return out as CheckFields;
}

/** The names to store in `checkOverrides`, in a stable order. */
export function overrideNames(own: CheckFields | null | undefined): CheckField[] {
  const set = setFields(own);
  return CHECK_FIELDS.filter((k) => k in set);
}
