import type { Status } from "@/lib/status/status";

/** What the API returns for an instance (shared by route handlers and UI hooks). */
export interface InstanceView {
  id: string;
  name: string;
  address: string;
  role: "ACTIVE" | "STANDBY";
  state: Status;
  health: "UNKNOWN" | "UP" | "DEGRADED" | "DOWN";
  adminState: "READY" | "DRAIN" | "MAINT";
  weight: number;
  enabled: boolean;
  check: { kind: "HTTP" | "TCP"; target: string; intervalMs: number; rise: number; fall: number };
  haproxy: { backend: string; server: string } | null;
  lastCheckAt: string | null;
}

export interface PoolView {
  id: string;
  name: string;
  role: "ACTIVE" | "STANDBY";
  priority: number;
  state: Status;
  instances: InstanceView[];
}

export interface ServiceView {
  id: string;
  name: string;
  description: string;
  owner: string;
  tags: string[];
  sloTargetPct: number;
  state: Status;
  pools: PoolView[];
}

/** The API's list envelope. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}
