"use client";

import { useQuery } from "@tanstack/react-query";
import type { ServiceDetailView } from "@/lib/services/views";
import { fetchJson } from "./fetch-json";
import { FLEET_REFRESH_MS } from "./use-services-query";

/** GET /api/v1/services/:id — pools, instances (desired/actual/drift), traffic, failovers; live. */
export function useServiceDetail(id: string) {
  return useQuery({
    queryKey: ["service", id],
    queryFn: () => fetchJson<ServiceDetailView>(`/api/v1/services/${encodeURIComponent(id)}`),
    refetchInterval: FLEET_REFRESH_MS,
  });
}
