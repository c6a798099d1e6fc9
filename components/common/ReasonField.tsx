"use client";

import { Field } from "./Field";
import { ui } from "./ui";

/** The operator's "why" for a change, required by every audited dialog (max 500 like RequiredReason). */
export function ReasonField({ value, onChange }: { value: string; onChange: (reason: string) => void }) {
  return (
    <Field label="Reason — recorded in the audit log">
      {(id) => (
        <textarea id={id} required maxLength={500} rows={2} value={value} onChange={(e) => onChange(e.target.value)} className={`${ui.input} block w-full`} />
      )}
    </Field>
  );
}
