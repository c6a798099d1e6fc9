"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { AuditView } from "@/lib/audit/list-audit";
import type { ListPage } from "@/lib/db/cursor";
import { fetchJson } from "./fetch-json";

export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  result?: "OK" | "FAILED";
  from?: string;
  to?: string;
}

/** GET /api/v1/audit with filters, paged by cursor ("Load more"), refreshed every 5 s. */
export function useAuditQuery(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ["audit", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(Object.entries({ ...filters, cursor: pageParam }).filter((e): e is [string, string] => Boolean(e[1])));
      params.set("limit", "50");
      return fetchJson<ListPage<AuditView>>(`/api/v1/audit?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
}
