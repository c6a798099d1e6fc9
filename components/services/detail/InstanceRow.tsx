import { ArrowDownToLine } from "lucide-react";
import Link from "next/link";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { StatusBadge } from "@/components/status/StatusBadge";
import type { InstanceTraffic, InstanceView } from "@/lib/services/views";
import { DriftBadge } from "./DriftBadge";
import { muted, perSecond } from "./format";
import { InstanceActionsMenu, type InstanceAction } from "./InstanceActionsMenu";
import { Sparkline } from "./Sparkline";

/** Desired weight, and HAProxy's when it says something else (or "—" before it was seen). */
function Weight({ instance }: { instance: InstanceView }) {
  const actual = instance.actual?.weight ?? null;
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span data-testid="weight-desired" title="Desired (Faultline)">
        {instance.desired.weight}
      </span>
      <span className={muted}> / </span>
      <span
        data-testid="weight-actual"
        title="Actual (HAProxy)"
        className={actual !== null && actual !== instance.desired.weight ? "font-semibold text-amber-800 dark:text-amber-300" : ""}
      >
        {actual ?? "—"}
      </span>
    </span>
  );
}

/** One instance: health, what HAProxy says, weights, drift, traffic, latency, and the operator's actions. */
export function InstanceRow({
  instance,
  traffic,
  latency,
  onAction,
  canAdmin = false,
  managed = false,
}: {
  instance: InstanceView;
  traffic: InstanceTraffic | undefined;
  latency: Array<number | null> | undefined;
  onAction?: (action: InstanceAction) => void;
  canAdmin?: boolean;
  managed?: boolean;
}) {
  const a = instance.actual;
  return (
    <tr className={`${ui.tr} align-top`} data-testid="instance-row" data-instance={instance.name}>
      <td className={`${ui.td} whitespace-nowrap`}>
        <div className="font-mono font-medium">{instance.name}</div>
        <div className={`font-mono text-xs ${muted}`}>{instance.address}</div>
      </td>
      <td className={ui.td}>
        <div className="flex flex-col items-start gap-1">
          <span data-testid="instance-state">
            <StatusBadge status={instance.state} />
          </span>
          {(instance.state === "DRAIN" || instance.state === "MAINT") && (instance.health === "DOWN" || instance.health === "DEGRADED") && (
            // Drained or in maintenance, yet still failing its checks: don't let DRAIN hide DOWN.
            <span
              className="inline-flex items-center gap-1 text-xs"
              data-testid="instance-health"
              title="What the poller's checks conclude, whatever the admin state"
            >
              <span className={muted}>checks:</span> <StatusBadge status={instance.health} />
            </span>
          )}
          {instance.openFault && (
            <Link
              href={`/faults/${instance.openFault.key}`}
              title={instance.openFault.cause}
              className="font-mono text-xs font-semibold text-red-700 underline-offset-2 hover:underline dark:text-red-400"
            >
              {instance.openFault.key}
            </Link>
          )}
          {instance.autoDrainedAt && (
            <span
              className="inline-flex items-center gap-1 text-xs text-sky-800 dark:text-sky-300"
              title={`Drained by the automatic policy at ${utc(instance.autoDrainedAt)}; readied again after it recovers`}
            >
              <ArrowDownToLine aria-hidden className="size-3" /> auto-drained
            </span>
          )}
        </div>
      </td>
      <td className={`${ui.td} max-w-56`}>
        {a ? (
          <>
            <div className="font-mono text-xs font-semibold" data-testid="haproxy-status">
              {a.status ?? "—"}
            </div>
            {a.check && (
              <div className={`truncate font-mono text-xs slashed-zero ${muted}`} title={a.check}>
                {a.check}
              </div>
            )}
          </>
        ) : (
          <span className={`text-xs ${muted}`} title={instance.haproxy ? "Not observed yet" : "Not linked to a balancer"}>
            {instance.haproxy ? "not seen yet" : "no balancer"}
          </span>
        )}
      </td>
      <td className={ui.td}>
        <Weight instance={instance} />
      </td>
      <td className={ui.td}>{instance.drift ? <DriftBadge drift={instance.drift} /> : <span className={muted}>—</span>}</td>
      <td className={`${ui.td} text-right tabular-nums`}>{traffic?.sessions ?? "—"}</td>
      <td className={`${ui.td} text-right tabular-nums`}>{perSecond(traffic?.reqPerSec)}</td>
      <td className={`${ui.td} text-right tabular-nums ${traffic && traffic.errors5xxPerSec > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>
        {perSecond(traffic?.errors5xxPerSec)}
      </td>
      <td className={ui.td}>
        <Sparkline values={latency ?? []} />
      </td>
      {onAction && (
        <td className={`${ui.td} text-right`}>
          <InstanceActionsMenu instance={instance} onPick={onAction} canAdmin={canAdmin} managed={managed} />
        </td>
      )}
    </tr>
  );
}
