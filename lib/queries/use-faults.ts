"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FaultDetail } from "@/lib/faults/get-fault";
import type { FaultPatch, NewManualFault } from "@/lib/faults/schemas";
import type { FaultView } from "@/lib/faults/view";
import type { ListPage } from "@/lib/db/cursor";
import { ApiError, fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

/** Live refresh period of fault views. */
const FAULTS_REFRESH_MS = 2_500;

/** The fault list's filters, as the page holds them (the API's query parameters). */
export interface FaultFilters {
  status?: string[];
  serviceId?: string;
  type?: string;
  severity?: string;
  /** ISO UTC. */
  from?: string;
  to?: string;
  q?: string;
  /** "true": only faults with a postmortem, "false": only those without. */
  postmortem?: "true" | "false";
}

/** Filters as query parameters (shared by the list and the export links); empty ones left out. */
export function faultFilterParams(f: FaultFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.status?.length) params.set("status", f.status.join(","));
  for (const k of ["serviceId", "type", "severity", "from", "to", "q", "postmortem"] as const) {
    const v = f[k]?.trim();
    if (v) params.set(k, v);
  }
  return params;
}

/** GET /api/v1/faults with filters, newest first, paged by cursor ("Load more"), live. */
export function useFaultsQuery(filters: FaultFilters) {
  return useInfiniteQuery({
    queryKey: ["faults", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const params = faultFilterParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      params.set("limit", "50");
      return fetchJson<ListPage<FaultView>>(`/api/v1/faults?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Typing in the search box should not blank the table between answers.
    placeholderData: keepPreviousData,
    refetchInterval: FAULTS_REFRESH_MS,
  });
}

/**
 * GET /api/v1/faults/:key — one fault with its timeline and grouped children, live. An unknown
 * key answers null (a page to show, not a failing connection).
 */
export function useFaultQuery(key: string) {
  return useQuery({
    queryKey: ["fault", key],
    queryFn: () =>
      fetchJson<FaultDetail>(`/api/v1/faults/${encodeURIComponent(key)}`).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    refetchInterval: (query) => (query.state.data === null ? false : FAULTS_REFRESH_MS),
  });
}

/** PATCH /api/v1/faults/:id — acknowledge, resolve, reopen, edit cause/resolution, add a note. */
export function useUpdateFault() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string } & FaultPatch) => sendJson<FaultView>("PATCH", `/api/v1/faults/${encodeURIComponent(id)}`, patch),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ["fault"] }),
        qc.invalidateQueries({ queryKey: ["faults"] }),
        qc.invalidateQueries({ queryKey: ["services"] }),
      ]),
  });
}

/** POST /api/v1/faults — record a fault by hand. */
export function useCreateFault() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<NewManualFault> & Pick<NewManualFault, "serviceId" | "cause">) => sendJson<FaultView>("POST", "/api/v1/faults", input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ["faults"] }), qc.invalidateQueries({ queryKey: ["services"] })]),
  });
}
