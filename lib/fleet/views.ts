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
  /** The newest unresolved fault of this instance (OPEN or ACKNOWLEDGED), if any. */
  openFault: { id: string; key: string; type: string; cause: string } | null;
  /** In an active maintenance window, its own or its service's (faults are not opened meanwhile). */
  inMaintenance: boolean;
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
  /** In an active maintenance window of the service itself. */
  inMaintenance: boolean;
  /** Unresolved faults of the service: service-level and instance ones. */
  openFaults: number;
  pools: PoolView[];
}

/** The API's list envelope. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}
