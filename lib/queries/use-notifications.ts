"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ListPage } from "@/lib/db/cursor";
import type { ChannelView } from "@/lib/notifications/channel-view";
import type { DeliveryView } from "@/lib/notifications/deliveries";
import type { RouteView } from "@/lib/notifications/routes";
import { fetchJson } from "./fetch-json";
import { sendJson } from "./mutate";

const REFRESH_MS = 3_000;

/** GET /api/v1/notifications/channels (operators read, admins change). */
export function useChannels() {
  return useQuery({ queryKey: ["notify", "channels"], queryFn: () => fetchJson<ListPage<ChannelView>>("/api/v1/notifications/channels") });
}

export function useRoutes() {
  return useQuery({ queryKey: ["notify", "routes"], queryFn: () => fetchJson<ListPage<RouteView>>("/api/v1/notifications/routes") });
}

/** GET /api/v1/notifications/deliveries, newest first (optionally one channel's). */
export function useDeliveries(channelId?: string) {
  const qs = channelId ? `?channelId=${encodeURIComponent(channelId)}&limit=20` : "?limit=20";
  return useQuery({
    queryKey: ["notify", "deliveries", channelId ?? "all"],
    queryFn: () => fetchJson<ListPage<DeliveryView>>(`/api/v1/notifications/deliveries${qs}`),
    refetchInterval: REFRESH_MS,
  });
}

/** GET /api/v1/faults/:id/notifications: what this fault caused to be sent. */
export function useFaultNotifications(faultId: string) {
  return useQuery({
    queryKey: ["notify", "fault", faultId],
    queryFn: () => fetchJson<ListPage<DeliveryView>>(`/api/v1/faults/${encodeURIComponent(faultId)}/notifications`),
    refetchInterval: REFRESH_MS,
  });
}

function useNotifyMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ["notify"] }) });
}

export interface NewChannel {
  kind: ChannelView["kind"];
  name: string;
  settings?: Record<string, unknown>;
  secrets: Record<string, unknown>;
  ratePerMinute?: number;
  timeoutMs?: number;
}

export const useCreateChannel = () => useNotifyMutation((input: NewChannel) => sendJson<ChannelView>("POST", "/api/v1/notifications/channels", input));
export const useDeleteChannel = () =>
  useNotifyMutation(({ id }: { id: string }) => sendJson<{ deleted: true }>("DELETE", `/api/v1/notifications/channels/${encodeURIComponent(id)}`, {}));
export const useToggleChannel = () =>
  useNotifyMutation(({ id, enabled }: { id: string; enabled: boolean }) =>
    sendJson<ChannelView>("PATCH", `/api/v1/notifications/channels/${encodeURIComponent(id)}`, { enabled }),
  );
export const useTestChannel = () =>
  useNotifyMutation(({ id }: { id: string }) => sendJson<DeliveryView>("POST", `/api/v1/notifications/channels/${encodeURIComponent(id)}/test`, {}));

export interface NewRoute {
  name: string;
  channelId: string;
  serviceId: string | null;
  minSeverity: string;
  events: string[];
  escalateAfterSeconds: number | null;
  repeatEverySeconds: number | null;
}
export const useCreateRoute = () => useNotifyMutation((input: NewRoute) => sendJson<RouteView>("POST", "/api/v1/notifications/routes", input));
export const useDeleteRoute = () =>
  useNotifyMutation(({ id }: { id: string }) => sendJson<{ deleted: true }>("DELETE", `/api/v1/notifications/routes/${encodeURIComponent(id)}`, {}));
export const useResend = () =>
  useNotifyMutation(({ id }: { id: string }) => sendJson<DeliveryView>("POST", `/api/v1/notifications/deliveries/${encodeURIComponent(id)}/resend`, {}));
