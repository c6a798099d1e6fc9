"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RootCauseCategoryView } from "@/lib/faults/root-cause-categories";
import type { ListPage } from "@/lib/db/cursor";
import { fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

/** GET /api/v1/root-cause-categories. */
export function useRootCauseCategories() {
  return useQuery({ queryKey: ["root-cause-categories"], queryFn: () => fetchJson<ListPage<RootCauseCategoryView>>("/api/v1/root-cause-categories") });
}

/** POST /api/v1/root-cause-categories (admin). */
export function useCreateRootCauseCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; label: string; reason?: string }) => sendJson<RootCauseCategoryView>("POST", "/api/v1/root-cause-categories", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["root-cause-categories"] }),
  });
}

/** DELETE /api/v1/root-cause-categories/:name (admin). */
export function useDeleteRootCauseCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, reason }: { name: string; reason?: string }) =>
      sendJson<RootCauseCategoryView>("DELETE", `/api/v1/root-cause-categories/${encodeURIComponent(name)}`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["root-cause-categories"] }),
  });
}
