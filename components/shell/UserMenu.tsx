"use client";

import { KeyRound, LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActor } from "@/components/auth/ActorProvider";

/** Who is signed in, with which role, and the way out. */
export function UserMenu() {
  const { name, role } = useActor();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex items-center gap-2 text-sm">
      <UserRound aria-hidden className="size-4 text-slate-500" />
      <span data-testid="signed-in-as" title={name} className="max-w-48 truncate">
        {name}
      </span>
      <span data-testid="role" className="rounded bg-slate-200 px-1.5 py-0.5 text-[11px] font-bold tracking-wide dark:bg-slate-800">
        {role}
      </span>
      <Link
        href="/account/password"
        title="Change password"
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        <KeyRound aria-hidden className="size-4" />
        <span className="sr-only sm:not-sr-only">Password</span>
      </Link>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
          router.replace("/sign-in");
          router.refresh();
        }}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        <LogOut aria-hidden className="size-4" />
        Sign out
      </button>
    </div>
  );
}
