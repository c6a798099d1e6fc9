"use client";

import { ChartColumn, Table2 } from "lucide-react";
import { useState, type ReactNode } from "react";
import { ui } from "./ui";

/**
 * A titled card holding a chart, with a "Table view" toggle that shows the same numbers as a
 * table (screen readers, copy-paste). `children` render under either view.
 */
export function ChartWithTable(props: { id: string; title: ReactNode; chart: ReactNode; table: ReactNode; caption: string; children?: ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  const headingId = `${props.id}-h`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={props.id}
      className="rounded-lg border border-slate-200 bg-white p-4 break-inside-avoid dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          {props.title}
        </h2>
        <button
          type="button"
          aria-pressed={asTable}
          className={`${ui.button} inline-flex items-center gap-1 print:hidden`}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? <ChartColumn aria-hidden className="size-4" /> : <Table2 aria-hidden className="size-4" />}
          {asTable ? "Chart view" : "Table view"}
        </button>
      </div>
      {asTable ? (
        props.table
      ) : (
        <figure>
          {props.chart}
          <figcaption className="sr-only">{props.caption}</figcaption>
        </figure>
      )}
      {props.children}
    </section>
  );
}
