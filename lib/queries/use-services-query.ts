"use client";

import { useQuery } from "@tanstack/react-query";
import type { ListPage } from "@/lib/db/cursor";
import type { ServiceView } from "@/lib/services/views";
import { fetchJson } from "./fetch-json";

/** Live refresh period of fleet views. */
export const FLEET_REFRESH_MS = 2_000;

/** GET /api/v1/services — services → pools → instances, refreshed every 2 s. */
export function useServicesQuery() {
  return useQuery({
    queryKey: ["services"],
    queryFn: () => fetchJson<ListPage<ServiceView>>("/api/v1/services?limit=500"),
    refetchInterval: FLEET_REFRESH_MS,
  });
}
