"use client";

import { useId, type ReactNode } from "react";
import { ui } from "./ui";

/**
 * A label above its control, tied by id (not by wrapping: a <select> inside its <label> would
 * have its options read into its name).
 */
export function Field({
  label,
  children,
  className,
  aside,
}: {
  label: ReactNode;
  children: (id: string) => ReactNode;
  className?: string;
  /** Beside the label, outside it (a button inside a <label> would join the control's name). */
  aside?: ReactNode;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      {aside}
      <div className="mt-1">{children(id)}</div>
    </div>
  );
}
