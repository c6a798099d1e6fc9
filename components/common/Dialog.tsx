"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal form dialog on the native <dialog> (focus trap, Escape, screen-reader semantics from the
 * browser). Its content mounts only while open, so a form starts empty every time.
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className="m-auto w-full max-w-md rounded-lg border border-slate-300 bg-white p-5 text-slate-900 backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      {open && children}
    </dialog>
  );
}
