"use client";

import { useQueryClient } from "@tanstack/react-query";
import { RefreshCw, WifiOff } from "lucide-react";
import { useEffect, useState } from "react";

const STALE_AFTER_MS = 10_000;

/** Newest successful fetch among live queries, and whether the latest attempt failed. */
function useFreshness() {
  const cache = useQueryClient().getQueryCache();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  const queries = cache.getAll().filter((q) => q.getObserversCount() > 0);
  const updatedAt = Math.max(0, ...queries.map((q) => q.state.dataUpdatedAt));
  const failing = queries.some((q) => q.state.status === "error" || q.state.fetchFailureCount > 0);
  return { now, updatedAt, failing };
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s ago` : `${Math.floor(s / 60)} min ${s % 60} s ago`;
}

/** Header indicator: how fresh the data on screen is; turns red when updates stop arriving. */
export function LastUpdated() {
  const { now, updatedAt, failing } = useFreshness();
  const stale = updatedAt > 0 && now - updatedAt > STALE_AFTER_MS;
  const bad = failing || stale;
  const text = updatedAt === 0 ? "loading…" : `updated ${ago(now - updatedAt)}`;
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="last-updated"
      title={updatedAt ? new Date(updatedAt).toISOString() : undefined}
      className={`inline-flex items-center gap-1.5 text-sm ${bad ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
    >
      {bad ? <WifiOff aria-hidden className="size-4" /> : <RefreshCw aria-hidden className="size-4" />}
      {bad ? `${failing ? "connection lost" : "stale"} — ${text}` : text}
    </span>
  );
}
