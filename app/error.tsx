"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef } from "react";
import { ui } from "@/components/common/ui";
import { useStatusQuery } from "@/lib/queries/use-status-query";

/**
 * The error boundary of every page. A production build hides a server error's message from the
 * browser, so the cause comes from /api/v1/status (polled every 5 s): while the database is
 * unavailable the page says so and re-renders by itself once it answers again; any other failure
 * gets a plain error with a retry button.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const status = useStatusQuery();
  const unavailable = status.isError || status.data?.ok === false;
  const wasUnavailable = useRef(false);

  useEffect(() => {
    if (unavailable) wasUnavailable.current = true;
    else if (wasUnavailable.current && status.data?.ok) {
      // Back: fetch the server components again, then leave the boundary.
      startTransition(() => {
        router.refresh();
        reset();
      });
    }
  }, [unavailable, status.data?.ok, router, reset]);

  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  if (status.isPending) return <main className="p-6 text-sm text-slate-600 dark:text-slate-400">Checking what went wrong…</main>;
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6" role="alert" aria-live="polite">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {unavailable ? (
          <>
            <h1 className="text-xl font-semibold">Database unavailable, retrying</h1>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              {status.data?.database?.state === "RESTARTING"
                ? "Faultline is restarting its database. This page reloads by itself when it answers again."
                : "Faultline cannot reach its database. This page reloads by itself when it answers again."}
            </p>
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">Something went wrong</h1>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              This page could not be shown{error.digest ? ` (error ${error.digest})` : ""}. The server log has the details.
            </p>
            <button type="button" className={`${ui.primary} mt-4`} onClick={retry} disabled={status.isPending}>
              Try again
            </button>
          </>
        )}
      </div>
    </main>
  );
}
