/**
 * Dedup keys: at most one unresolved fault per key (a partial unique index enforces it). One
 * outage of an instance is one fault, whatever its cause class turns into while it lasts.
 */
export const fingerprints = {
  instanceDown: (instanceId: string) => `instance:${instanceId}:down`,
  instanceDegraded: (instanceId: string) => `instance:${instanceId}:degraded`,
  serviceDown: (serviceId: string) => `service:${serviceId}:down`,
  /** The active pool serves nothing while HAProxy backup servers do. */
  serviceDegraded: (serviceId: string) => `service:${serviceId}:degraded`,
  /** Both service-level faults: the active pool serves nothing (an outage, or backups serving). */
  serviceLevel: (serviceId: string) => [`service:${serviceId}:down`, `service:${serviceId}:degraded`],
  manual: (id: string) => `manual:${id}`,
};

/** Human key of a fault number: F-1042. */
export const faultKey = (n: number) => `F-${n}`;

/** The number in a key like "F-1042" (or "1042"), if it is one. */
export function parseFaultKey(s: string): number | undefined {
  const m = s.trim().match(/^(?:F-)?(\d{1,9})$/i);
  return m ? Number(m[1]) : undefined;
}
