export interface ImportServer {
  backend: string;
  server: string;
  address: string;
  backup: boolean;
}

export interface LinkedRow {
  instanceId: string;
  instance: string;
  backend: string;
  server: string;
}

export interface ImportPlan {
  /** New servers: backend → service, non-backup → ACTIVE pool, backup → STANDBY pool. */
  added: Array<ImportServer & { service: string; pool: string; instance: string }>;
  /** Linked instances whose server is gone from HAProxy (unlinked, never deleted). */
  removed: LinkedRow[];
  unchanged: number;
}

/** Pool names a backend's servers go to when the service has no pool of that role yet. */
export const poolNameFor = (backend: string, backup: boolean) => `${backend}-${backup ? "standby" : "active"}`;

/**
 * What importing a balancer's servers changes, given the instances already linked to it and
 * every instance name in use (names are unique across balancers: a clash gets the backend as
 * prefix). Pure: the preview and the apply use the same plan.
 */
export function planImport(
  servers: ImportServer[],
  linkedRows: LinkedRow[],
  takenNames: Set<string>,
  poolOf: (backend: string, backup: boolean) => string,
): ImportPlan {
  const key = (b: string, s: string) => `${b}/${s}`;
  const present = new Set(servers.map((s) => key(s.backend, s.server)));
  const linkedKeys = new Set(linkedRows.map((l) => key(l.backend, l.server)));
  const names = new Set(takenNames);
  const added: ImportPlan["added"] = [];
  for (const s of servers) {
    if (linkedKeys.has(key(s.backend, s.server))) continue;
    const instance = freeName(names, s.server, `${s.backend}-${s.server}`);
    names.add(instance);
    added.push({ ...s, service: s.backend, pool: poolOf(s.backend, s.backup), instance });
  }
  const removed = linkedRows.filter((l) => !present.has(key(l.backend, l.server)));
  return { added, removed, unchanged: linkedRows.length - removed.length };
}

/** The first of `preferred`, `fallback`, `fallback-2`, `fallback-3`… not yet taken. */
function freeName(taken: Set<string>, preferred: string, fallback: string): string {
  if (!taken.has(preferred)) return preferred;
  if (!taken.has(fallback)) return fallback;
  for (let n = 2; ; n++) if (!taken.has(`${fallback}-${n}`)) return `${fallback}-${n}`;
}
