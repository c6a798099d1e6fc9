import { audited, type AuditContext } from "@/lib/audit/audited";
import type { Db } from "@/lib/db/client";
import { faultCause } from "@/lib/detection/describe";
import { probe } from "@/lib/probes/probe";
import { probeSpecFromInstance, type InstanceCheckRow } from "@/lib/probes/types";
import { checkColumns } from "@/lib/checks/check-columns";
import { resolveCheck } from "@/lib/checks/check-inherit";
import type { CheckTest } from "./schemas";

export interface CheckTestResult {
  /** PASS, DEGRADED or FAIL: what this one check would count as. */
  level: string;
  /** The fault type a failure would open (null when it passes). */
  type: string | null;
  target: string;
  statusCode: number | null;
  latencyMs: number | null;
  /** The check's own sentence, as stored with the sample. */
  message: string;
  /** A failure's fault cause, worded exactly as the poller would open it (null when it passes). */
  cause: string | null;
}

/**
 * Run a check once from the server, with the same probe and wording as the poller, before it is
 * saved (fields left out take the built-in defaults).
 */
async function testCheck(body: CheckTest): Promise<CheckTestResult> {
  // Fields left out are the built-in defaults, as on a new instance without service defaults.
  const row = {
    ...checkColumns(resolveCheck(null, body.check)),
    checkHeaders: body.check.headers ?? null,
    name: "check-test",
    address: body.address,
  } as InstanceCheckRow;
  const result = await probe(probeSpecFromInstance(row), new Date());
  const failed = result.level === "FAIL";
  return {
    level: result.level,
    type: failed ? result.errorClass : null,
    target: result.target,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs),
    message: result.message,
    cause: failed ? faultCause({ from: "UP", to: "DOWN", at: result.at, result, firstFailure: result, streak: 1 }) : null,
  };
}

/** The API's "Test check now": audited, because it makes the server connect wherever an operator points it. */
export function runCheckTest(db: Db, ctx: AuditContext, body: CheckTest): Promise<CheckTestResult> {
  return audited(db, ctx, { action: "check.test", target: { kind: "address", id: body.address } }, async () => {
    const value = await testCheck(body);
    return { value, after: { level: value.level, type: value.type, message: value.message } };
  });
}
