import type { CheckInput } from "@/lib/checks/check-input";
import type { CheckFields } from "@/lib/checks/check-inherit";
import type { FailoverView } from "@/lib/failover/views";
import type { Status } from "@/lib/status/status";
import type { AdminState, Health, PoolRole } from "@/lib/status/vocabulary";

/** What the API returns for an instance (shared by route handlers and UI hooks). */
export interface InstanceView {
  id: string;
  name: string;
  address: string;
  role: PoolRole;
  state: Status;
  health: Health;
  adminState: AdminState;
  weight: number;
  enabled: boolean;
  check: { kind: "HTTP" | "TCP"; target: string; intervalMs: number; rise: number; fall: number };
  /** The whole health check, as the editor and PATCH /instances/:id `check` speak it. */
  checkConfig: Required<CheckInput>;
  /** The check fields the instance sets itself; the others are inherited from the service's `checkDefaults`. */
  checkOverrides: string[];
  haproxy: { backend: string; server: string } | null;
  lastCheckAt: string | null;
  /** The newest unresolved fault of this instance (OPEN or ACKNOWLEDGED), if any. */
  openFault: { id: string; key: string; type: string; cause: string } | null;
  /** In an active maintenance window, its own or its service's (faults are not opened meanwhile). */
  inMaintenance: boolean;
  /** What Faultline wants the balancer to do (`weight`/`adminState` above repeat it). */
  desired: { weight: number; adminState: AdminState };
  /** What HAProxy reports (null when not linked to a balancer or not yet observed). */
  actual: {
    weight: number | null;
    adminState: AdminState | null;
    /** HAProxy's status words: UP, DOWN, DRAIN, MAINT, "UP 1/2", no check… */
    status: string | null;
    /** HAProxy's last check, e.g. `L4CON Connection refused`. */
    check: string | null;
    seenAt: string | null;
  } | null;
  /** HAProxy differs from the desired state (changed by hand or lost on a reload). */
  drift: { detail: string; since: string } | null;
  /** Set when the automatic policy drained it (it undrains it after recovery). */
  autoDrainedAt: string | null;
}

/** Per-instance traffic through HAProxy, from the newest complete 5-second bucket. */
export interface InstanceTraffic {
  instanceId: string;
  reqPerSec: number;
  errors5xxPerSec: number;
  sessions: number;
}

/** Automatic failover/drain policy of a service (off by default). */
export interface ServicePolicy {
  autoFailover: boolean;
  autoFailoverAfterSec: number;
  failoverCooldownSec: number;
  autoDrain: boolean;
  maxAutoDrainPct: number;
}

export interface PoolView {
  id: string;
  name: string;
  role: PoolRole;
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
  /** Check fields every instance inherits unless it sets its own (null: the built-in defaults). */
  checkDefaults: CheckFields | null;
  /** What clients get (lib/status/service-health.ts): DOWN only when nothing serves, backups included. */
  state: Status;
  /** Why it is not plainly UP: what serves instead, or why nothing does. */
  stateReason: string | null;
  /** In an active maintenance window of the service itself. */
  inMaintenance: boolean;
  /** Unresolved faults of the service: service-level and instance ones. */
  openFaults: number;
  pools: PoolView[];
  /** Instances whose balancer differs from the desired state. */
  driftCount: number;
  policy: ServicePolicy;
}

/** GET /api/v1/services/:id — one service with live traffic, latency sparklines and failovers. */
export interface ServiceDetailView extends ServiceView {
  traffic: InstanceTraffic[];
  /** Per instance id: p50 check latency (ms) per minute over the last 30 minutes, oldest first. */
  latency: Record<string, Array<number | null>>;
  /** Newest first (up to 20). */
  failovers: FailoverView[];
  /** The FAULTLINE_CONFIG_FILE that manages this service (inventory edits go there), else null. */
  managedBy: string | null;
}

/** GET /api/v1/services/:id/traffic — requests/s per instance in 5-second buckets. */
export interface ServiceTrafficView {
  bucketSec: number;
  instances: Array<{ id: string; name: string; pool: string; role: PoolRole }>;
  /** `at` ISO time; one numeric key per instance id (requests per second). */
  points: Array<{ at: string } & Record<string, number | string>>;
}
