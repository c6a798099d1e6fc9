/** A balancer as the API returns it (Settings → Balancers). */
export interface BalancerView {
  id: string;
  name: string;
  kind: "HAPROXY";
  runtimeApi: string;
  driftPolicy: "REAPPLY" | "ADOPT";
  serverStateFile: string | null;
  status: "UNKNOWN" | "CONNECTED" | "UNREACHABLE" | "ERROR";
  statusMessage: string | null;
  lastSyncAt: string | null;
  instances: number;
  createdAt: string;
}

/** Answer of a connection test: HAProxy's version and what it serves. */
export interface BalancerProbeView {
  ok: true;
  version: string;
  backends: Array<{ name: string; servers: number; backups: number }>;
}

/** What an import would change (preview) or changed (apply). */
export interface ImportDiffView {
  /** Servers that would become instances: backend → service, non-backup → ACTIVE pool, backup → STANDBY pool. */
  added: Array<{ backend: string; server: string; address: string; backup: boolean; service: string; pool: string; check: string }>;
  /** Linked instances whose server no longer exists in HAProxy (unlinked on apply, never deleted). */
  removed: Array<{ instanceId: string; instance: string; backend: string; server: string }>;
  unchanged: number;
  applied: boolean;
}
