import type { Role } from "@/lib/auth/roles";
import { Activity, ClipboardList, FileBarChart, LayoutDashboard, Server, Settings, type LucideIcon } from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Hidden below this role (the page and its API refuse it anyway). */
  minRole?: Role;
}

/** The console's sections, in the order operators reach for them. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/services", label: "Services", icon: Server },
  { href: "/faults", label: "Faults", icon: Activity },
  { href: "/reports", label: "Reports", icon: FileBarChart },
  { href: "/audit", label: "Audit", icon: ClipboardList, minRole: "OPERATOR" },
  { href: "/settings", label: "Settings", icon: Settings },
];

/** True when `pathname` is inside the section `href`. */
export function isActive(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(href + "/");
}
