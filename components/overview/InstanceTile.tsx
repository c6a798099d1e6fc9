import Link from "next/link";
import { Wrench } from "lucide-react";
import type { InstanceView } from "@/lib/services/views";
import { StatusBadge } from "@/components/status/StatusBadge";

/** A cause short enough for a tooltip. */
const short = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function InstanceTile({ instance }: { instance: InstanceView }) {
  const fault = instance.openFault;
  const check = `${instance.check.target} · every ${instance.check.intervalMs / 1000} s · rise ${instance.check.rise} / fall ${instance.check.fall}`;
  return (
    <li
      data-testid="instance-tile"
      data-instance={instance.name}
      className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-2.5 dark:border-slate-700 dark:bg-slate-900"
      title={fault ? `${fault.key}: ${short(fault.cause)}\n${check}` : check}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate font-mono text-sm font-medium">{instance.name}</span>
        <StatusBadge status={instance.state} />
      </div>
      <div className="flex justify-between font-mono text-xs text-slate-500 dark:text-slate-400">
        <span>{instance.address}</span>
        <span>w {instance.weight}</span>
      </div>
      {(fault || instance.inMaintenance) && (
        <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1 text-xs">
          {fault ? (
            <Link
              href={`/faults/${fault.key}`}
              title={short(fault.cause)}
              data-testid="tile-fault"
              className="font-mono font-semibold text-red-700 underline-offset-2 hover:underline dark:text-red-400"
            >
              {fault.key} <span className="font-normal">· {fault.type}</span>
            </Link>
          ) : (
            <span />
          )}
          {instance.inMaintenance && (
            <span className="inline-flex items-center gap-1 text-violet-800 dark:text-violet-300" title="Checks go on; faults are not opened during the window">
              <Wrench aria-hidden className="size-3" /> in maintenance
            </span>
          )}
        </div>
      )}
    </li>
  );
}
