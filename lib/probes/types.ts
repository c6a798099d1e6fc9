import { z } from "zod";
import type { Instance } from "@/lib/generated/prisma/client";

/** How to check one instance: the Instance `check*` columns, ready for the probe. */
export interface ProbeSpec {
  kind: "HTTP" | "TCP";
  /** `host:port`; IPv6 hosts in brackets (`[::1]:8080`). */
  address: string;
  /** HTTP only; default `http`. */
  scheme?: "http" | "https";
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Why the check cannot be sent as configured (a header's environment variable is not set): a FAIL saying so. */
  headerProblem?: string;
  /** Statuses that pass; an empty list accepts any 2xx. */
  expectedStatuses: number[];
  /** Body condition: the first 64 KiB of the body contain this text. */
  bodyContains?: string | null;
  /** Body condition: JSON value at this dot path (`status`, `checks.db.ok`, `items.0.name`)… */
  jsonPath?: string | null;
  /** …has this string form (strings as-is, other values as JSON). Null: the path only has to exist. */
  jsonEquals?: string | null;
  /** Bounds the whole check: connect, TLS, headers and body. */
  timeoutMs: number;
  /** A passing check slower than this is DEGRADED. */
  degradedLatencyMs?: number | null;
  /** https: a certificate expiring within this many days is DEGRADED. */
  certExpiryDays?: number | null;
  /** https: PEM of a private CA to trust in addition to the system ones. */
  tlsCa?: string | null;
}

/** The Instance columns `probeSpecFromInstance` reads. */
export type InstanceCheckRow = Pick<
  Instance,
  | "name"
  | "address"
  | "checkKind"
  | "checkScheme"
  | "checkMethod"
  | "checkPath"
  | "checkHeaders"
  | "checkExpectedStatuses"
  | "checkBodyContains"
  | "checkJsonPath"
  | "checkJsonEquals"
  | "checkTimeoutMs"
  | "checkDegradedLatencyMs"
  | "checkCertExpiryDays"
  | "checkTlsCa"
>;

/**
 * Header values may come from these environment variables only: any other name would let an
 * operator send the server's own secrets (its auth key, its database URL) to an address of their choosing.
 */
export const CHECK_ENV_PREFIX = "FAULTLINE_CHECK_";

const CheckHeaders = z.record(z.string(), z.union([z.string(), z.strictObject({ env: z.string() })])).nullable();

/** Header values with `{ env: NAME }` read from the environment; names that are not set are reported. */
function resolveHeaders(
  h: Record<string, string | { env: string }>,
  env: Readonly<Record<string, string | undefined>>,
): { headers: Record<string, string>; problem?: string } {
  const headers: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, v] of Object.entries(h)) {
    if (typeof v === "string") headers[name] = v;
    // Checked again here: a row written before the rule, or by hand, must not read other secrets.
    else if (!v.env.startsWith(CHECK_ENV_PREFIX)) missing.push(`header ${name}: ${v.env} is not a check variable (${CHECK_ENV_PREFIX}…)`);
    else if (env[v.env] !== undefined) headers[name] = env[v.env]!;
    else missing.push(`header ${name}: environment variable ${v.env} is not set on the Faultline server`);
  }
  return missing.length ? { headers, problem: missing.join("; ") } : { headers };
}

/**
 * Maps an Instance row to the probe's spec, reading `{ env }` header values from `env`. Throws when
 * `checkHeaders` is malformed: that is a config bug to report for this instance, not a failed check.
 */
export function probeSpecFromInstance(row: InstanceCheckRow, env: Readonly<Record<string, string | undefined>> = process.env): ProbeSpec {
  const parsed = CheckHeaders.safeParse(row.checkHeaders ?? null);
  if (!parsed.success) throw new Error(`instance ${row.name}: checkHeaders must be an object of strings or { env } references`);
  const headers = parsed.data ? resolveHeaders(parsed.data, env) : null;
  return {
    kind: row.checkKind,
    address: row.address,
    scheme: row.checkScheme === "https" ? "https" : "http",
    method: row.checkMethod,
    path: row.checkPath,
    ...(headers ? { headers: headers.headers } : {}),
    ...(headers?.problem ? { headerProblem: headers.problem } : {}),
    expectedStatuses: row.checkExpectedStatuses,
    bodyContains: row.checkBodyContains,
    jsonPath: row.checkJsonPath,
    jsonEquals: row.checkJsonEquals,
    timeoutMs: row.checkTimeoutMs,
    degradedLatencyMs: row.checkDegradedLatencyMs,
    certExpiryDays: row.checkCertExpiryDays,
    tlsCa: row.checkTlsCa,
  };
}
