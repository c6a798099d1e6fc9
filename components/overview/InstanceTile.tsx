import type { InstanceView } from "@/lib/fleet/views";
import { StatusBadge } from "@/components/status/StatusBadge";

export function InstanceTile({ instance }: { instance: InstanceView }) {
  return (
    <li
      data-testid="instance-tile"
      data-instance={instance.name}
      className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-2.5 dark:border-slate-700 dark:bg-slate-900"
      title={`${instance.check.target} · every ${instance.check.intervalMs / 1000} s · rise ${instance.check.rise} / fall ${instance.check.fall}`}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate font-mono text-sm font-medium">{instance.name}</span>
        <StatusBadge status={instance.state} />
      </div>
      <div className="flex justify-between font-mono text-xs text-slate-500 dark:text-slate-400">
        <span>{instance.address}</span>
        <span>w {instance.weight}</span>
      </div>
    </li>
  );
}
