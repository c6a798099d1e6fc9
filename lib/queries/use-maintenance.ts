"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MaintenanceView, NewMaintenance } from "@/lib/maintenance/maintenance-windows";
import type { ListPage } from "@/lib/db/cursor";
import { fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

/** GET /api/v1/maintenance — current and upcoming windows (and ones ended within a day). */
export function useMaintenanceQuery() {
  return useQuery({
    queryKey: ["maintenance"],
    queryFn: () => fetchJson<ListPage<MaintenanceView>>("/api/v1/maintenance"),
    refetchInterval: 10_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  // The services view carries `inMaintenance`: refresh it with the list.
  return () => Promise.all([qc.invalidateQueries({ queryKey: ["maintenance"] }), qc.invalidateQueries({ queryKey: ["services"] })]);
}

/** POST /api/v1/maintenance — put a service or an instance in maintenance. */
export function useCreateMaintenance() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: NewMaintenance) => sendJson<MaintenanceView>("POST", "/api/v1/maintenance", input),
    onSuccess: invalidate,
  });
}

/** DELETE /api/v1/maintenance/:id — end a window now. */
export function useCancelMaintenance() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      sendJson<MaintenanceView>("DELETE", `/api/v1/maintenance/${encodeURIComponent(id)}`, { reason }),
    onSuccess: invalidate,
  });
}
