/**
 * Per-instance figures: faults, downtime and flapping, for the "top 10" and "flapping" tables.
 * Pure. The database computes the same sums in SQL (lib/reports/load-reliability.ts).
 */
import type { FaultRecord } from "./fault-stats";
import { clipAll, totalMs, type Interval } from "./intervals";

export interface InstanceFigures {
  instanceId: string;
  /** Faults that started in the range. */
  faults: number;
  /** Time inside the range covered by the instance's DOWN faults (open ones up to the range end). */
  downMs: number;
  /** Faults overlapping the range that were marked flapping. */
  flappingFaults: number;
  /** Σ flapCount of those faults. */
  flaps: number;
}

/** Reference computation of InstanceFigures for every instance with a fault overlapping `range`. */
export function instanceFigures(faults: readonly FaultRecord[], range: Interval): InstanceFigures[] {
  const by = new Map<string, { figures: InstanceFigures; down: Interval[] }>();
  for (const f of faults) {
    if (!f.instanceId) continue;
    const end = f.resolvedAt ?? range.end;
    if (f.startedAt >= range.end || end <= range.start) continue;
    let e = by.get(f.instanceId);
    if (!e) by.set(f.instanceId, (e = { figures: { instanceId: f.instanceId, faults: 0, downMs: 0, flappingFaults: 0, flaps: 0 }, down: [] }));
    if (f.startedAt >= range.start) e.figures.faults++;
    if (f.down) e.down.push({ start: f.startedAt, end });
    if (f.flapping) {
      e.figures.flappingFaults++;
      e.figures.flaps += f.flapCount;
    }
  }
  return [...by.values()].map(({ figures, down }) => ({ ...figures, downMs: totalMs(clipAll(down, range)) }));
}

/** The ten instances with the most faults, the ten with the most downtime, and every flapping one. */
export function rankInstances<T extends InstanceFigures>(all: readonly T[], limit = 10) {
  const byName = (a: T, b: T) => a.instanceId.localeCompare(b.instanceId);
  return {
    byFaults: all
      .filter((i) => i.faults > 0)
      .sort((a, b) => b.faults - a.faults || b.downMs - a.downMs || byName(a, b))
      .slice(0, limit),
    byDowntime: all
      .filter((i) => i.downMs > 0)
      .sort((a, b) => b.downMs - a.downMs || b.faults - a.faults || byName(a, b))
      .slice(0, limit),
    flapping: all.filter((i) => i.flappingFaults > 0).sort((a, b) => b.flaps - a.flaps || b.flappingFaults - a.flappingFaults || byName(a, b)),
  };
}
