import type { AdminState } from "@/lib/status/vocabulary";
import type { PreflightReason } from "./plan";

export type FailoverStateName = "PENDING" | "APPLYING" | "VERIFIED" | "FAILED" | "ROLLED_BACK";
export type StepState = "PENDING" | "RUNNING" | "OK" | "FAILED" | "ROLLED_BACK" | "SKIPPED";

/** One step of a failover as recorded (and shown live). */
export interface FailoverStepView {
  /** Human text: "Ready checkout-green-1 at weight 100", "Drain checkout-blue-1", "Verify…". */
  name: string;
  kind: "READY" | "DRAIN" | "VERIFY";
  /** Instance name (null for VERIFY). */
  instance: string | null;
  state: StepState;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  message: string | null;
}

export interface FailoverView {
  id: string;
  serviceId: string;
  serviceName: string;
  kind: "FAILOVER" | "FAILBACK";
  trigger: "MANUAL" | "AUTOMATIC";
  actor: string;
  reason: string;
  forced: boolean;
  state: FailoverStateName;
  fromPool: { id: string; name: string };
  toPool: { id: string; name: string };
  steps: FailoverStepView[];
  error: string | null;
  faultId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** API call → verified (ms), when finished. */
  durationMs: number | null;
}

/** Pre-flight answer: whether a failover to `toPool` may go ahead, and the plan it would run. */
export interface PreflightView {
  ok: boolean;
  /** Why it is refused (empty when ok); `force` overrides those marked `forceable`. */
  reasons: PreflightReason[];
  fromPool: { id: string; name: string };
  toPool: { id: string; name: string; healthy: number; total: number; weight: number };
  steps: Array<{ kind: "READY" | "DRAIN" | "VERIFY"; name: string; instance: string | null; adminState?: AdminState; weight?: number }>;
  /** A failover of this service is already running (a new one would get 409). */
  running: string | null;
}
