"use client";

import { ui } from "@/components/common/ui";
import { dur, explainAvailability, explainBudget, explainFaults, explainMtbf, explainMtta, explainMttd, explainMttr, pct } from "@/lib/reports/explain";
import type { ReliabilityReport } from "@/lib/reports/reliability";
import { Explained } from "./chart-kit";

const num = `${ui.td} text-right`;

/** One row per service: availability, faults, mean times and the SLO budget, each explained on hover. */
export function ServiceFigures({ report }: { report: ReliabilityReport }) {
  return (
    <div className={ui.scroll}>
      <table className={ui.table} data-testid="service-figures">
        <caption className="sr-only">Reliability per service; hover or focus a figure for its formula and counts</caption>
        <thead className={ui.thead}>
          <tr>
            {["Service", "Availability", "Down", "Maintenance", "Faults", "MTTD", "MTTA", "MTTR", "MTBF", "SLO", "Budget left"].map((h, i) => (
              <th key={h} className={`${ui.th} ${i > 0 ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {report.services.map((s) => (
            <tr key={s.serviceId} className={ui.tr}>
              <td className={`${ui.td} font-medium`}>
                {s.name}
                {s.from > report.from && (
                  // The service is younger than the range: its figures cover less time than the header says.
                  <span className="block text-xs font-normal text-amber-800 dark:text-amber-300" data-testid={`measured-since-${s.name}`}>
                    measured since {s.from.slice(0, 16).replace("T", " ")}Z (created)
                  </span>
                )}
              </td>
              <td className={num}>
                <Explained value={pct(s.availabilityPct)} why={explainAvailability(s)} testId={`availability-${s.name}`} />
              </td>
              <td className={num}>
                <Explained
                  value={dur(s.downMs)}
                  why={`${s.outages} SERVICE_DOWN fault${s.outages === 1 ? "" : "s"} overlapping the range; overlaps counted once, maintenance excluded.`}
                />
              </td>
              <td className={num}>
                <Explained
                  value={dur(s.maintenanceMs)}
                  why="Service maintenance windows inside the range (ended early when cancelled): excluded from the measured time."
                />
              </td>
              <td className={num}>
                <Explained value={String(s.faults)} why={explainFaults(s)} />
              </td>
              <td className={num}>
                <Explained value={dur(s.mttd.ms)} why={explainMttd(s)} />
              </td>
              <td className={num}>
                <Explained value={dur(s.mtta.ms)} why={explainMtta(s)} />
              </td>
              <td className={num}>
                <Explained value={dur(s.mttr.ms)} why={explainMttr(s)} testId={`mttr-${s.name}`} />
              </td>
              <td className={num}>
                <Explained value={dur(s.mtbf.ms)} why={explainMtbf(s)} />
              </td>
              <td className={num}>{s.slo.targetPct} %</td>
              <td className={`${num} ${s.slo.remainingMs < 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
                <Explained value={pct(s.slo.remainingPct, 1)} why={explainBudget(s)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
