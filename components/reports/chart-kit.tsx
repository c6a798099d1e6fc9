"use client";

import type { ReactNode } from "react";
import { ui } from "@/components/common/ui";

/** Series colours readable on light and dark backgrounds (Tailwind 600/400-ish midpoints). */
const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#9333ea"];
export const color = (i: number) => PALETTE[i % PALETTE.length]!;

export const tick = { fill: "var(--chart-axis)", fontSize: 11 };

/** Bucket start → axis label: `11-26 14:00` for hourly buckets, `11-26` for daily ones (UTC). */
export const bucketLabel = (iso: string, bucketMs: number) => (bucketMs < 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(5, 10));

/** A plain table for a chart's table view. */
export function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="max-h-96 overflow-auto">
      <table className={ui.table}>
        <caption className="sr-only">{caption}</caption>
        <thead className={ui.thead}>
          <tr>
            {head.map((h, i) => (
              <th key={h} className={`${ui.th} ${i > 0 ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map((r, i) => (
            <tr key={i} className={ui.tr}>
              {r.map((c, j) => (
                <td key={j} className={`${ui.td} ${j > 0 ? "text-right" : "font-mono text-xs"}`}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A figure that explains itself: the formula and counts on hover (and keyboard focus). */
export function Explained({ value, why, testId }: { value: ReactNode; why: string; testId?: string }) {
  return (
    <span
      tabIndex={0}
      title={why}
      aria-label={`${typeof value === "string" ? value : ""} — ${why}`.trim()}
      data-testid={testId}
      className="cursor-help underline decoration-slate-400 decoration-dotted underline-offset-2"
    >
      {value}
    </span>
  );
}
