"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * Confirm an operator action and ask why (the reason goes to the audit log). Native <dialog>:
 * focus trap, Escape to cancel and screen-reader semantics come from the browser.
 */
export function ReasonDialog(props: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  requireReason?: boolean;
  busy?: boolean;
  /** False while fields of `children` the action needs are still empty. */
  canConfirm?: boolean;
  error?: string | null;
  /** Room for a form (the health-check editor), not just a sentence. */
  wide?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState("");
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  const missing = (props.requireReason && reason.trim() === "") || props.canConfirm === false;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => {
        setReason("");
        props.onClose();
      }}
      className={`m-auto w-full ${props.wide ? "max-w-2xl" : "max-w-md"} rounded-lg border border-slate-300 bg-white p-5 text-slate-900 backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!missing) props.onConfirm(reason.trim());
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {props.title}
        </h2>
        {props.children && <div className="mt-2 text-sm text-slate-700 dark:text-slate-300">{props.children}</div>}
        <label className="mt-4 block text-sm font-medium">
          Reason{props.requireReason ? "" : " (optional)"} — recorded in the audit log
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={2}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
        </label>
        {props.error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {props.error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => ref.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">
            Cancel
          </button>
          <button
            type="submit"
            disabled={props.busy || missing}
            className={`rounded-md px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-50 ${props.danger ? "bg-red-700 hover:bg-red-600" : "bg-slate-900 hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900"}`}
          >
            {props.busy ? "Working…" : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
