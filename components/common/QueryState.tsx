import type { ReactNode } from "react";

/** Loading / error / empty states shared by list pages. */
export function QueryState({
  isLoading,
  error,
  empty,
  emptyText,
  children,
}: {
  isLoading: boolean;
  error: Error | null;
  empty: boolean;
  emptyText: ReactNode;
  children: ReactNode;
}) {
  if (isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (error) {
    return (
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300">
        Could not load: {error.message}
      </p>
    );
  }
  if (empty)
    return (
      <div className="rounded-md border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{emptyText}</div>
    );
  return <>{children}</>;
}
