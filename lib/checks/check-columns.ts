import type { Prisma } from "@/lib/generated/prisma/client";
import type { CheckInput } from "./check-input";

/** The Instance check columns, as stored. */
export interface CheckColumns {
  checkKind: "HTTP" | "TCP";
  checkScheme: string;
  checkMethod: string;
  checkPath: string;
  checkHeaders: Prisma.JsonValue | null;
  checkExpectedStatuses: number[];
  checkBodyContains: string | null;
  checkJsonPath: string | null;
  checkJsonEquals: string | null;
  checkTimeoutMs: number;
  checkIntervalMs: number;
  checkRise: number;
  checkFall: number;
  checkDegradedLatencyMs: number | null;
  checkCertExpiryDays: number | null;
  checkTlsCa: string | null;
}

/** A check as the API and the editor speak it (HTTPS is a kind, not a scheme column). */
export function checkOf(c: CheckColumns): Required<CheckInput> {
  return {
    kind: c.checkKind === "TCP" ? "TCP" : c.checkScheme === "https" ? "HTTPS" : "HTTP",
    method: c.checkMethod as Required<CheckInput>["method"],
    path: c.checkPath,
    headers: (c.checkHeaders as Record<string, string> | null) ?? {},
    expectedStatuses: c.checkExpectedStatuses,
    bodyContains: c.checkBodyContains,
    jsonPath: c.checkJsonPath,
    jsonEquals: c.checkJsonEquals,
    timeoutMs: c.checkTimeoutMs,
    intervalMs: c.checkIntervalMs,
    rise: c.checkRise,
    fall: c.checkFall,
    degradedLatencyMs: c.checkDegradedLatencyMs,
    certExpiryDays: c.checkCertExpiryDays,
    tlsCa: c.checkTlsCa,
  };
}

/** The columns a check input sets; omitted fields are left out (kept on an edit, defaults on a create). */
export function checkColumns(c: CheckInput): Partial<Omit<CheckColumns, "checkHeaders">> & { checkHeaders?: Prisma.InputJsonValue } {
  const out: Partial<Omit<CheckColumns, "checkHeaders">> & { checkHeaders?: Prisma.InputJsonValue } = {
    checkKind: c.kind === "TCP" ? "TCP" : "HTTP",
    ...(c.kind !== "TCP" ? { checkScheme: c.kind === "HTTPS" ? "https" : "http" } : {}),
  };
  if (c.method !== undefined) out.checkMethod = c.method;
  if (c.path !== undefined) out.checkPath = c.path;
  if (c.headers !== undefined) out.checkHeaders = c.headers;
  if (c.expectedStatuses !== undefined) out.checkExpectedStatuses = c.expectedStatuses;
  if (c.bodyContains !== undefined) out.checkBodyContains = c.bodyContains || null;
  if (c.jsonPath !== undefined) out.checkJsonPath = c.jsonPath || null;
  if (c.jsonEquals !== undefined) out.checkJsonEquals = c.jsonEquals;
  if (c.timeoutMs !== undefined) out.checkTimeoutMs = c.timeoutMs;
  if (c.intervalMs !== undefined) out.checkIntervalMs = c.intervalMs;
  if (c.rise !== undefined) out.checkRise = c.rise;
  if (c.fall !== undefined) out.checkFall = c.fall;
  if (c.degradedLatencyMs !== undefined) out.checkDegradedLatencyMs = c.degradedLatencyMs;
  if (c.certExpiryDays !== undefined) out.checkCertExpiryDays = c.certExpiryDays;
  if (c.tlsCa !== undefined) out.checkTlsCa = c.tlsCa || null;
  return out;
}
