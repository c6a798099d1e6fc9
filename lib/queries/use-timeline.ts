"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TimelineItem } from "@/lib/reports/timeline";
import { fetchJson } from "./fetch-json";
import { rangeParams, type ReportRangeParams } from "./use-reliability-report";

export interface TimelinePage {
  from: string;
  to: string;
  truncated: boolean;
  items: TimelineItem[];
  nextCursor: string | null;
}

/** Timeline query parameters; `format` makes them an export link. */
export function timelineParams(p: ReportRangeParams, format?: "csv" | "markdown"): URLSearchParams {
  const params = rangeParams(p);
  if (format) params.set("format", format);
  else params.set("limit", "5000");
  return params;
}

/** GET /api/v1/reports/timeline — the merged events of a window (the first 5,000). */
export function useTimeline(p: ReportRangeParams) {
  return useQuery({
    queryKey: ["reports", "timeline", p],
    queryFn: () => fetchJson<TimelinePage>(`/api/v1/reports/timeline?${timelineParams(p)}`),
    placeholderData: keepPreviousData,
  });
}
