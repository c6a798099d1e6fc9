"use client";

import { useQuery } from "@tanstack/react-query";
import type { InstanceChecks } from "@/lib/checks/instance-checks";
import { fetchJson } from "./fetch-json";

const MAX_RANGE_MS = 7 * 86_400_000;

/**
 * GET /api/v1/instances/:id/checks for [from, to]; `to` null means "now", re-read on every
 * refresh (the key stays the same, so a live range does not make a new query each second).
 * Refreshed every 10 s while the range reaches into the present: per-minute figures land once a
 * minute closes.
 */
export function useInstanceChecksQuery(instanceId: string | null, from: string, to: string | null) {
  return useQuery({
    queryKey: ["instance-checks", instanceId, from, to],
    enabled: instanceId !== null,
    queryFn: () => {
      const end = to ?? new Date().toISOString();
      // The API answers at most 7 days: keep the end (the interesting part of a long fault).
      const start = new Date(Math.max(new Date(from).getTime(), new Date(end).getTime() - MAX_RANGE_MS)).toISOString();
      return fetchJson<InstanceChecks>(`/api/v1/instances/${encodeURIComponent(instanceId!)}/checks?${new URLSearchParams({ from: start, to: end })}`);
    },
    // A function: evaluated at each refresh, so a recent range stops polling once it has passed.
    refetchInterval: () => (to === null || new Date(to).getTime() > Date.now() ? 10_000 : false),
  });
}
