"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AdminState } from "@/lib/status/vocabulary";
import type { InstanceView } from "@/lib/services/views";
import { sendJson } from "./mutate";

export interface InstanceUpdate {
  id: string;
  weight?: number;
  adminState?: AdminState;
  reason: string;
}

/** PATCH /api/v1/instances/:id — weight and/or admin state, applied to HAProxy and audited. */
export function useInstanceUpdate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: InstanceUpdate) => sendJson<InstanceView>("PATCH", `/api/v1/instances/${encodeURIComponent(id)}`, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ["service"] }), qc.invalidateQueries({ queryKey: ["services"] })]),
  });
}
