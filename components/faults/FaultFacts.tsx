"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { utc } from "@/components/common/time";
import { formatDuration } from "@/lib/detection/describe";
import type { FaultDetail } from "@/lib/faults/get-fault";
import { FaultStatusBadge, FlappingBadge, SeverityBadge } from "./FaultBadges";
import { FaultDuration } from "./FaultDuration";
import { FaultWhere } from "./FaultsTable";

const link = "font-mono font-semibold text-sky-800 underline-offset-2 hover:underline dark:text-sky-300";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/** ` (+12 s)` after the start: how long detection or acknowledgement took (nothing under a second). */
function after(from: string, to: string | null): string {
  const ms = to ? Date.parse(to) - Date.parse(from) : 0;
  return ms >= 1000 ? ` (+${formatDuration(ms)})` : "";
}

/** The facts of a fault at a glance: status, where, when, how long, and its group. */
export function FaultFacts({ fault }: { fault: FaultDetail }) {
  return (
    <dl
      data-testid="fault-facts"
      className="mb-5 grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <Fact term="Status">
        <span className="flex flex-wrap items-center gap-1.5">
          <FaultStatusBadge status={fault.status} />
          {fault.flapping && <FlappingBadge count={fault.flapCount} />}
        </span>
      </Fact>
      <Fact term="Severity">
        <SeverityBadge severity={fault.severity} />
      </Fact>
      <Fact term="Type">
        <span className="font-mono text-xs">{fault.type}</span>
      </Fact>
      <Fact term="Service / instance">
        <FaultWhere fault={fault} />
        {fault.instance && <div className="font-mono text-xs text-slate-500">{fault.instance.address}</div>}
      </Fact>
      <Fact term={fault.resolvedAt ? "Time to resolve" : "MTTR so far"}>
        <span className="font-semibold tabular-nums">
          <FaultDuration fault={fault} />
        </span>
      </Fact>
      <Fact term="Started (UTC)">
        <span className="font-mono text-xs">{utc(fault.startedAt)}</span>
      </Fact>
      <Fact term="Detected">
        <span className="font-mono text-xs">
          {utc(fault.detectedAt)}
          {after(fault.startedAt, fault.detectedAt)}
        </span>
      </Fact>
      <Fact term="Acknowledged">
        <span className="font-mono text-xs">
          {utc(fault.acknowledgedAt)}
          {after(fault.startedAt, fault.acknowledgedAt)}
        </span>
        {fault.acknowledgedBy && <div className="text-xs text-slate-500">by {fault.acknowledgedBy}</div>}
      </Fact>
      <Fact term="Resolved">
        <span className="font-mono text-xs">{utc(fault.resolvedAt)}</span>
        {fault.resolvedBy && <div className="text-xs text-slate-500">by {fault.resolvedBy}</div>}
      </Fact>
      <Fact term="Group">
        {fault.parent ? (
          <>
            part of{" "}
            <Link href={`/faults/${fault.parent.key}`} className={link}>
              {fault.parent.key}
            </Link>
          </>
        ) : fault.children.length > 0 ? (
          <span>
            {fault.children.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ", "}
                <Link href={`/faults/${c.key}`} className={link}>
                  {c.key}
                </Link>
              </span>
            ))}
          </span>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </Fact>
    </dl>
  );
}
