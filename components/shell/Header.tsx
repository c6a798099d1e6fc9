"use client";

import { useStatusQuery } from "@/lib/queries/use-status-query";
import { LastUpdated } from "./LastUpdated";
import { ThemeToggle } from "./ThemeToggle";
import { UserMenu } from "./UserMenu";

export function Header() {
  const { data } = useStatusQuery();
  return (
    <header className="flex min-h-14 flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 md:px-5 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center gap-3">
        <span className="text-lg font-bold tracking-tight">Faultline</span>
        {data && (
          <span data-testid="env-name" className="rounded bg-slate-200 px-2 py-0.5 font-mono text-xs uppercase dark:bg-slate-800">
            {data.env}
          </span>
        )}
        {data && !data.ok && <span className="text-sm font-semibold text-red-700 dark:text-red-400">{data.error?.message}</span>}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <LastUpdated />
        <ThemeToggle />
        <UserMenu />
      </div>
    </header>
  );
}
