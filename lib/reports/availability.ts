/**
 * Availability of one service over a range, from its SERVICE_DOWN faults (nothing served: no
 * active instance nor HAProxy backup server healthy and in rotation) and its maintenance windows. Pure.
 *
 *   range        = [max(from, service created), to)
 *   maintenance  = ∪ service maintenance windows (ended early at cancelledAt) ∩ range
 *   down         = (∪ [startedAt, resolvedAt or to) of SERVICE_DOWN faults ∩ range) − maintenance
 *   availability = (range − maintenance − down) / (range − maintenance)
 *
 * Overlapping faults count once; a fault that started before the range (or is still open) counts
 * only its part inside it.
 */
import { clipAll, subtract, totalMs, union, type Interval } from "./intervals";

/** A SERVICE_DOWN fault: the service was not serving from startedAt until resolvedAt (or now). */
export interface OutageRecord {
  serviceId: string;
  startedAt: number;
  resolvedAt: number | null;
}

export interface MaintenanceRecord {
  serviceId: string;
  startsAt: number;
  endsAt: number;
  cancelledAt: number | null;
}

export interface AvailabilityFigures {
  rangeMs: number;
  maintenanceMs: number;
  downMs: number;
  /** rangeMs − maintenanceMs − downMs. */
  servingMs: number;
  /** null when the whole range was maintenance (nothing to measure). */
  availabilityPct: number | null;
  /** SERVICE_DOWN faults overlapping the range. */
  outages: number;
}

/** The time the service was down and in maintenance, as unioned intervals clipped to `range`. */
export function serviceSpans(outages: readonly OutageRecord[], maintenance: readonly MaintenanceRecord[], range: Interval) {
  const maint = union(
    clipAll(
      maintenance.map((m) => ({ start: m.startsAt, end: Math.min(m.endsAt, m.cancelledAt ?? m.endsAt) })),
      range,
    ),
  );
  const rawDown = clipAll(
    outages.map((o) => ({ start: o.startedAt, end: o.resolvedAt ?? range.end })),
    range,
  );
  return { maintenance: maint, down: subtract(rawDown, maint), outages: rawDown.length };
}

/** Availability figures of `range` from spans computed by serviceSpans (any sub-range works). */
export function availabilityIn(spans: { maintenance: Interval[]; down: Interval[] }, range: Interval, outages = 0): AvailabilityFigures {
  const rangeMs = Math.max(0, range.end - range.start);
  const maintenanceMs = totalMs(clipAll(spans.maintenance, range));
  const downMs = totalMs(clipAll(spans.down, range));
  const measured = rangeMs - maintenanceMs;
  const servingMs = measured - downMs;
  return { rangeMs, maintenanceMs, downMs, servingMs, availabilityPct: measured > 0 ? (servingMs / measured) * 100 : null, outages };
}
