import { ui } from "@/components/common/ui";

export type DriftPolicy = "REAPPLY" | "ADOPT";

/** What each drift policy does when HAProxy differs from Faultline's desired state. */
export const DRIFT_POLICY_HELP: Record<DriftPolicy, string> = {
  REAPPLY: "put Faultline's desired weight and state back on HAProxy",
  ADOPT: "take what HAProxy reports as the new desired state",
};

export function DriftPolicySelect({ id, label, value, onChange }: { id?: string; label?: string; value: DriftPolicy; onChange: (p: DriftPolicy) => void }) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as DriftPolicy)}
      className={ui.input}
      title={DRIFT_POLICY_HELP[value]}
    >
      <option value="REAPPLY">REAPPLY</option>
      <option value="ADOPT">ADOPT</option>
    </select>
  );
}
