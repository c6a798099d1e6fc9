"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReliabilityReport } from "@/lib/reports/reliability";
import { fetchJson } from "./fetch-json";

export interface ReportRangeParams {
  /** ISO UTC. */
  from: string;
  to: string;
  serviceId?: string;
}

/** Query parameters of a report range (shared by the report, the timeline and its export links). */
export function rangeParams(p: ReportRangeParams): URLSearchParams {
  const params = new URLSearchParams({ from: p.from, to: p.to });
  if (p.serviceId) params.set("serviceId", p.serviceId);
  return params;
}

/** GET /api/v1/reports/reliability — refreshed each minute (a report is not a live view). */
export function useReliabilityReport(p: ReportRangeParams) {
  return useQuery({
    queryKey: ["reports", "reliability", p],
    queryFn: () => fetchJson<ReliabilityReport>(`/api/v1/reports/reliability?${rangeParams(p)}`),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
