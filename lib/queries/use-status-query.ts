"use client";

import { useQuery } from "@tanstack/react-query";
import type { StatusReport } from "@/lib/runtime/status";

/** GET /api/v1/status — server and database liveness, polled for the header. */
export function useStatusQuery() {
  return useQuery({
    queryKey: ["status"],
    // 503 still carries a report; keep it instead of throwing so the header can say why.
    queryFn: async () => {
      const res = await fetch("/api/v1/status", { headers: { accept: "application/json" } });
      return (await res.json()) as StatusReport;
    },
    refetchInterval: 5_000,
  });
}
