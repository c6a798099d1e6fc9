/**
 * The hover text of every report figure: its formula with the numbers and counts it came from, so
 * a reviewer can redo the sum. Pure and browser-safe.
 */
import { formatDuration } from "@/lib/detection/describe";
import type { Mean } from "./fault-stats";
import type { ServiceReliability } from "./reliability";

/** `99.987 %` (three decimals: 0.001 % of 30 days is 26 s); `—` when unknown. */
export const pct = (v: number | null, digits = 3) => (v === null || !Number.isFinite(v) ? "—" : `${v.toFixed(digits)} %`);

/** A duration for tables (`—` when unknown). */
export const dur = (ms: number | null) => (ms === null ? "—" : formatDuration(ms));

export function explainAvailability(s: ServiceReliability): string {
  return [
    `Availability = (range − maintenance − down) ÷ (range − maintenance)`,
    `= (${dur(s.rangeMs)} − ${dur(s.maintenanceMs)} − ${dur(s.downMs)}) ÷ (${dur(s.rangeMs)} − ${dur(s.maintenanceMs)}) = ${pct(s.availabilityPct)}`,
    `Down = time covered by ${s.outages} SERVICE_DOWN fault${s.outages === 1 ? "" : "s"} (nothing serving: no active instance nor HAProxy backup server healthy and in rotation), clipped to ${s.from} – ${s.to}, maintenance excluded.`,
  ].join("\n");
}

const meanText = (what: string, m: Mean, over: string) =>
  m.n === 0 ? `${what}: no ${over} in the range.` : `${what} = Σ ${dur(m.sumMs)} ÷ ${m.n} ${over} = ${dur(m.ms)}`;

export const explainFaults = (s: ServiceReliability) =>
  `${s.faults} fault record${s.faults === 1 ? "" : "s"} of ${s.name} (instance and service level) that started between ${s.from} and ${s.to}.`;
export const explainMttd = (s: ServiceReliability) => meanText("MTTD: mean of (detectedAt − startedAt)", s.mttd, "faults");
export const explainMtta = (s: ServiceReliability) => meanText("MTTA: mean of (acknowledgedAt − detectedAt)", s.mtta, "acknowledged faults");
export const explainMttr = (s: ServiceReliability) => meanText("MTTR: mean of (resolvedAt − startedAt)", s.mttr, "resolved faults (open ones left out)");
export const explainMtbf = (s: ServiceReliability) =>
  s.mtbf.n === 0
    ? "MTBF = serving time ÷ faults: no faults in the range."
    : `MTBF = serving time ÷ faults = ${dur(s.mtbf.sumMs)} ÷ ${s.mtbf.n} = ${dur(s.mtbf.ms)}`;

export function explainBudget(s: ServiceReliability): string {
  const b = s.slo;
  return [
    `Error budget = (100 % − ${b.targetPct} %) × (range − maintenance) = ${pct(100 - b.targetPct)} × ${dur(s.rangeMs - s.maintenanceMs)} = ${dur(b.budgetMs)}`,
    `Used = down time ${dur(b.usedMs)}; remaining = ${b.remainingMs < 0 ? "−" + dur(-b.remainingMs) : dur(b.remainingMs)} = ${pct(b.remainingPct, 1)} of the budget.`,
  ].join("\n");
}
