"use client";

import { useQuery } from "@tanstack/react-query";
import type { ServiceTrafficView } from "@/lib/services/views";
import { fetchJson } from "./fetch-json";

/** GET /api/v1/services/:id/traffic — requests/s per instance (5 s buckets), refreshed every 5 s. */
export function useServiceTraffic(id: string, minutes = 15) {
  return useQuery({
    queryKey: ["service-traffic", id, minutes],
    queryFn: () => fetchJson<ServiceTrafficView>(`/api/v1/services/${encodeURIComponent(id)}/traffic?minutes=${minutes}`),
    refetchInterval: 5_000,
  });
}
