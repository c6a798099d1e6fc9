import type { PlanStep } from "./plan";
import type { FailoverStepView, StepState } from "./views";

/** A plan step as kept in `Failover.steps` (JSON), with its progress. */
export type StoredStep = PlanStep & {
  state: StepState;
  startedAt: string | null;
  finishedAt: string | null;
  message: string | null;
};

export const toStored = (steps: PlanStep[]): StoredStep[] => steps.map((s) => ({ ...s, state: "PENDING", startedAt: null, finishedAt: null, message: null }));

export function toStepView(s: StoredStep): FailoverStepView {
  return {
    name: s.name,
    kind: s.kind,
    instance: s.instance,
    state: s.state,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    durationMs: s.startedAt && s.finishedAt ? Date.parse(s.finishedAt) - Date.parse(s.startedAt) : null,
    message: s.message,
  };
}
