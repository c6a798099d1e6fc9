"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import type { ListPage } from "@/lib/db/cursor";
import type { TokenView } from "@/lib/tokens/view";
import { fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

/** GET /api/v1/tokens (admin). */
export function useTokensQuery(enabled: boolean) {
  return useQuery({ queryKey: ["tokens"], queryFn: () => fetchJson<ListPage<TokenView>>("/api/v1/tokens"), enabled });
}

/** POST /api/v1/tokens — the answer carries the secret, shown once. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: Role; expiresInDays?: number; reason?: string }) =>
      sendJson<{ token: TokenView; secret: string }>("POST", "/api/v1/tokens", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

/** DELETE /api/v1/tokens/:id (revoke). */
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => sendJson<TokenView>("DELETE", `/api/v1/tokens/${encodeURIComponent(id)}`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
}
