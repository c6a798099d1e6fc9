"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import type { ListPage } from "@/lib/db/cursor";
import type { UserView } from "@/lib/users/view";
import { fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

/** GET /api/v1/users (admin). */
export function useUsersQuery(enabled: boolean) {
  return useQuery({ queryKey: ["users"], queryFn: () => fetchJson<ListPage<UserView>>("/api/v1/users"), enabled });
}

/** POST /api/v1/users. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: Role; password?: string; mustChangePassword?: boolean; reason?: string }) =>
      sendJson<{ user: UserView; temporaryPassword: string | null }>("POST", "/api/v1/users", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}

/** PATCH /api/v1/users/:id. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; role?: Role; disabled?: boolean; reason?: string }) =>
      sendJson<UserView>("PATCH", `/api/v1/users/${encodeURIComponent(id)}`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}
