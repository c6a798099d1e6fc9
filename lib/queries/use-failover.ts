"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FailoverView, PreflightView } from "@/lib/failover/views";
import { fetchJson } from "./fetch-json";

/** GET /api/v1/services/:id/failover/preflight?toPoolId= — would a failover go ahead, and its plan. */
export function useFailoverPreflight(serviceId: string, toPoolId: string | null) {
  return useQuery({
    queryKey: ["failover-preflight", serviceId, toPoolId],
    queryFn: () =>
      fetchJson<PreflightView>(
        `/api/v1/services/${encodeURIComponent(serviceId)}/failover/preflight${toPoolId ? `?toPoolId=${encodeURIComponent(toPoolId)}` : ""}`,
      ),
    refetchInterval: 2_000,
  });
}

export interface StartFailover {
  serviceId: string;
  kind: "failover" | "failback";
  toPoolId?: string;
  reason: string;
  force?: boolean;
  /** One key per dialog submission: a double click or a retry returns the first failover. */
  idempotencyKey: string;
}

/** POST /api/v1/services/:id/failover | failback → 202 { id, state }. */
export function useStartFailover() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ serviceId, kind, idempotencyKey, ...body }: StartFailover) =>
      fetchJson<{ id: string; state: string }>(`/api/v1/services/${encodeURIComponent(serviceId)}/${kind}`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
        body: JSON.stringify(body),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["service"] }),
  });
}

/** GET /api/v1/failovers/:id — polled every 500 ms while it runs, so the steps show live. */
export function useFailover(id: string | null) {
  return useQuery({
    queryKey: ["failover", id],
    queryFn: () => fetchJson<FailoverView>(`/api/v1/failovers/${encodeURIComponent(id!)}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !["PENDING", "APPLYING"].includes(q.state.data.state) ? false : 500),
  });
}
