"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CheckInput } from "@/lib/checks/check-input";
import type { CheckField, CheckFields } from "@/lib/checks/check-inherit";
import type { CheckTestResult } from "@/lib/inventory/test-check";
import { sendJson } from "./mutate";

/** Every inventory change redraws the fleet views. */
function useInventoryMutation<V, T>(send: (v: V) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ["service"] }), qc.invalidateQueries({ queryKey: ["services"] })]),
  });
}

export interface ServiceInput {
  name: string;
  owner?: string;
  description?: string;
  sloTargetPct?: number;
  checkDefaults?: CheckFields | null;
  reason: string;
}

/** POST /api/v1/services */
export const useCreateService = () => useInventoryMutation((body: ServiceInput) => sendJson<{ id: string; name: string }>("POST", "/api/v1/services", body));

/** PATCH /api/v1/services/:id */
export const useEditService = () =>
  useInventoryMutation(({ serviceId, ...body }: Partial<ServiceInput> & { serviceId: string; reason: string }) =>
    sendJson<{ id: string }>("PATCH", `/api/v1/services/${encodeURIComponent(serviceId)}`, body),
  );

/** POST /api/v1/services/:id/pools */
export const useCreatePool = () =>
  useInventoryMutation(({ serviceId, ...body }: { serviceId: string; name: string; role: "ACTIVE" | "STANDBY"; reason: string }) =>
    sendJson<{ id: string }>("POST", `/api/v1/services/${encodeURIComponent(serviceId)}/pools`, body),
  );

export interface InstanceInput {
  name: string;
  address: string;
  enabled?: boolean;
  /** The instance's own check fields; `checkInherit` (edits) names those handed back to the service. */
  check: CheckFields;
  checkInherit?: CheckField[];
  reason: string;
}

/** POST /api/v1/pools/:id/instances, or PATCH /api/v1/instances/:id (an inventory edit). */
export const useSaveInstance = () =>
  useInventoryMutation(({ poolId, instanceId, ...body }: InstanceInput & { poolId?: string; instanceId?: string }) =>
    instanceId
      ? sendJson<{ id: string }>("PATCH", `/api/v1/instances/${encodeURIComponent(instanceId)}`, body)
      : sendJson<{ id: string }>("POST", `/api/v1/pools/${encodeURIComponent(poolId!)}/instances`, body),
  );

/** POST /api/v1/pools/:id/instances/bulk — pasted host:port lines, one transaction. */
export const useBulkCreate = () =>
  useInventoryMutation(({ poolId, ...body }: { poolId: string; addresses: string; check: CheckFields; reason: string }) =>
    sendJson<{ items: Array<{ id: string; name: string }> }>("POST", `/api/v1/pools/${encodeURIComponent(poolId)}/instances/bulk`, body),
  );

/** DELETE /api/v1/instances/:id or /api/v1/services/:id — archived when it has history. */
export const useRemove = () =>
  useInventoryMutation(({ kind, id, reason }: { kind: "instances" | "services"; id: string; reason: string }) =>
    sendJson<{ result: "ARCHIVED" | "DELETED" }>("DELETE", `/api/v1/${kind}/${encodeURIComponent(id)}`, { reason }),
  );

/** POST /api/v1/checks/test — nothing stored. */
export const useTestCheck = () =>
  useMutation({ mutationFn: (body: { address: string; check: CheckInput }) => sendJson<CheckTestResult>("POST", "/api/v1/checks/test", body) });
