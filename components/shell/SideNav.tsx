"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { useActor } from "@/components/auth/ActorProvider";
import { isActive, NAV_ITEMS } from "./nav-items";

export function SideNav() {
  const pathname = usePathname();
  const { role } = useActor();
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto p-2 md:flex-col md:p-3">
      {NAV_ITEMS.filter((item) => !item.minRole || hasRole(role, item.minRole)).map(({ href, label, icon: Icon }) => {
        const active = isActive(href, pathname);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${
              active
                ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            <Icon aria-hidden className="size-4" />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
