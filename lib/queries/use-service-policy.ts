"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ServicePolicy, ServiceView } from "@/lib/services/views";
import { sendJson } from "./mutate";

/** PATCH /api/v1/services/:id/policy — automatic drain/failover settings (operator, audited). */
export function useUpdateServicePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ServicePolicy> & { id: string; reason: string }) =>
      sendJson<ServiceView>("PATCH", `/api/v1/services/${encodeURIComponent(id)}/policy`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["service"] }),
  });
}
