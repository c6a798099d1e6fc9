"use client";

import { ArrowDownToLine, CircleCheck, Ellipsis, Pencil, Scale, Trash2, Wrench, type LucideIcon } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import { ui } from "@/components/common/ui";
import type { AdminState } from "@/lib/status/vocabulary";
import type { InstanceView } from "@/lib/services/views";

export type InstanceAction = "WEIGHT" | AdminState | "EDIT" | "REMOVE";

const ITEMS: Array<{ action: InstanceAction; label: string; icon: LucideIcon }> = [
  { action: "WEIGHT", label: "Weight…", icon: Scale },
  { action: "DRAIN", label: "Drain…", icon: ArrowDownToLine },
  { action: "MAINT", label: "Maint…", icon: Wrench },
  { action: "READY", label: "Ready…", icon: CircleCheck },
  { action: "EDIT", label: "Edit check…", icon: Pencil },
  { action: "REMOVE", label: "Remove…", icon: Trash2 },
];

/**
 * Operators: the per-instance actions, each of which opens a dialog asking for a reason. The menu
 * is a native popover: it sits in the top layer (a scrolling table would clip an absolutely
 * placed one) and closes on Escape or a click elsewhere by itself.
 */
export function InstanceActionsMenu({
  instance,
  onPick,
  canAdmin,
  managed = false,
}: {
  instance: InstanceView;
  onPick: (action: InstanceAction) => void;
  canAdmin: boolean;
  /** Managed by FAULTLINE_CONFIG_FILE: its check and its removal live in the file. */
  managed?: boolean;
}) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const m = menu.current;
    if (!m) return;
    // Place it under the button, right-aligned, each time it opens.
    const place = (e: Event) => {
      if ((e as ToggleEvent).newState !== "open" || !button.current) return;
      const r = button.current.getBoundingClientRect();
      m.style.top = `${Math.min(r.bottom + 4, window.innerHeight - m.offsetHeight - 4)}px`;
      m.style.left = `${Math.max(4, r.right - m.offsetWidth)}px`;
      m.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
    };
    m.addEventListener("toggle", place);
    return () => m.removeEventListener("toggle", place);
  }, []);
  const current = instance.desired.adminState;
  return (
    <>
      <button
        ref={button}
        type="button"
        popoverTarget={id}
        aria-haspopup="menu"
        aria-label={`Actions for ${instance.name}`}
        className={`${ui.button} inline-flex items-center`}
      >
        <Ellipsis aria-hidden className="size-4" />
      </button>
      <div
        ref={menu}
        id={id}
        popover="auto"
        role="menu"
        aria-label={`Actions for ${instance.name}`}
        className="fixed inset-auto m-0 min-w-40 rounded-md border border-slate-300 bg-white p-1 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {ITEMS.filter((item) => (item.action !== "REMOVE" || canAdmin) && !(managed && (item.action === "EDIT" || item.action === "REMOVE"))).map(
          ({ action, label, icon: Icon }) => (
            <button
              key={action}
              type="button"
              role="menuitem"
              disabled={action === current}
              title={action === current ? `Already ${current}` : undefined}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800"
              onClick={() => {
                menu.current?.hidePopover();
                onPick(action);
              }}
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </button>
          ),
        )}
      </div>
    </>
  );
}
