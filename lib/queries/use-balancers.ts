"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BalancerProbeView, BalancerView, ImportDiffView } from "@/lib/balancer/views";
import type { ListPage } from "@/lib/db/cursor";
import { fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

/** GET /api/v1/balancers (admin). */
export function useBalancers() {
  return useQuery({ queryKey: ["balancers"], queryFn: () => fetchJson<ListPage<BalancerView>>("/api/v1/balancers"), refetchInterval: 5_000 });
}

export interface NewBalancer {
  name: string;
  runtimeApi: string;
  serverStateFile?: string | null;
  driftPolicy?: "REAPPLY" | "ADOPT";
}

/** POST /api/v1/balancers/test — connect to a Runtime API address without saving anything. */
export function useTestBalancer() {
  return useMutation({ mutationFn: (body: { runtimeApi: string }) => sendJson<BalancerProbeView>("POST", "/api/v1/balancers/test", body) });
}

/** POST /api/v1/balancers — register a balancer (admin, audited). */
export function useCreateBalancer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBalancer & { reason?: string }) => sendJson<BalancerView>("POST", "/api/v1/balancers", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["balancers"] }),
  });
}

/** PATCH /api/v1/balancers/:id — drift policy, server-state file, address. */
export function useUpdateBalancer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<NewBalancer> & { id: string; reason: string }) =>
      sendJson<BalancerView>("PATCH", `/api/v1/balancers/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["balancers"] }),
  });
}

/** POST /api/v1/balancers/:id/import — `{ apply: false }` previews the diff, `{ apply: true, reason }` applies it. */
export function useImportBalancer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; apply: boolean; reason?: string; configPath?: string }) =>
      sendJson<ImportDiffView>("POST", `/api/v1/balancers/${encodeURIComponent(id)}/import`, body),
    onSuccess: (d) =>
      d.applied ? Promise.all([qc.invalidateQueries({ queryKey: ["balancers"] }), qc.invalidateQueries({ queryKey: ["services"] })]) : undefined,
  });
}
