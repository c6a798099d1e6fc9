"use client";

import { Copy } from "lucide-react";
import { useState } from "react";

/** A secret shown exactly once, with a copy button and a warning that it won't come back. */
export function OneTimeSecret({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
      <p className="font-semibold">{label} — copy it now: it is shown only once.</p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="one-time-secret" className="flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900">
          {value}
        </code>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
          className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700"
        >
          <Copy aria-hidden className="size-4" /> {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700">
          Done
        </button>
      </div>
    </div>
  );
}
