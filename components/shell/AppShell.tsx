import type { ReactNode } from "react";
import { Header } from "./Header";
import { SideNav } from "./SideNav";

/**
 * Left navigation + header around every console page. On a phone (an on-call engineer's first
 * screen) the same navigation becomes a scrollable bar on top, and the page gets the full width.
 */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="shrink-0 border-b border-slate-200 bg-white md:w-52 md:border-r md:border-b-0 dark:border-slate-800 dark:bg-slate-900">
        <SideNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <Header />
        <main className="flex-1 p-3 md:p-6">{children}</main>
      </div>
    </div>
  );
}
