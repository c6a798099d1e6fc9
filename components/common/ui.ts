/** Shared class names, so tables and buttons look the same on every page. */
export const ui = {
  table: "w-full border-collapse overflow-hidden rounded-lg bg-white text-sm dark:bg-slate-900",
  thead: "bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  th: "px-3 py-2",
  tr: "border-t border-slate-200 dark:border-slate-800",
  td: "px-3 py-2",
  input: "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950",
  button: "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800",
  primary:
    "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300",
  danger:
    "rounded-md border border-red-300 px-2.5 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
  /** A form label above its field (dialogs and stacked forms). */
  label: "block text-sm font-medium",
  /** A field's error under a form. */
  error: "text-sm text-red-700 dark:text-red-400",
  /** Wraps a table so a narrow window scrolls it instead of the page. */
  // relative: absolutely positioned children (sr-only labels) stay inside the scroll box.
  scroll: "relative overflow-x-auto rounded-lg",
  section: "mb-8 rounded-lg border border-slate-200 bg-slate-100/60 p-4 dark:border-slate-800 dark:bg-slate-900/60",
};
