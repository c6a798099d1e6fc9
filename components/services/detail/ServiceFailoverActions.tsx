"use client";

import { ArrowRightLeft, Undo2 } from "lucide-react";
import { ui } from "@/components/common/ui";
import type { ServiceDetailView } from "@/lib/services/views";
import type { FailoverRequest } from "./FailoverDialog";

/** The failover the service would go back from: the newest verified one, if it was a failover (not already a failback). */
export function failbackTarget(service: ServiceDetailView): { poolId: string; poolName: string } | null {
  const last = service.failovers.find((f) => f.state === "VERIFIED");
  return last?.kind === "FAILOVER" ? { poolId: last.fromPool.id, poolName: last.fromPool.name } : null;
}

/** Operators: "Fail over…" to a STANDBY pool, "Fail back…" after a verified failover, "Watch" a running one. */
export function ServiceFailoverActions({ service, onOpen }: { service: ServiceDetailView; onOpen: (r: FailoverRequest) => void }) {
  const running = service.failovers.find((f) => f.state === "PENDING" || f.state === "APPLYING");
  const back = failbackTarget(service);
  const hasStandby = service.pools.some((p) => p.role === "STANDBY");
  return (
    <div className="flex flex-wrap gap-2">
      {running && (
        <button
          type="button"
          className={ui.button}
          onClick={() => onOpen({ kind: running.kind === "FAILBACK" ? "failback" : "failover", toPoolId: running.toPool.id, watchId: running.id })}
        >
          Watch the running {running.kind.toLowerCase()}
        </button>
      )}
      {back && (
        <button
          type="button"
          className={`${ui.button} inline-flex items-center gap-1`}
          title={`Back to ${back.poolName}`}
          onClick={() => onOpen({ kind: "failback", toPoolId: back.poolId })}
        >
          <Undo2 aria-hidden className="size-4" /> Fail back…
        </button>
      )}
      <button
        type="button"
        disabled={!hasStandby}
        title={hasStandby ? undefined : "No STANDBY pool to fail over to"}
        className={`${ui.primary} inline-flex items-center gap-1`}
        onClick={() => onOpen({ kind: "failover", toPoolId: null })}
      >
        <ArrowRightLeft aria-hidden className="size-4" /> Fail over…
      </button>
    </div>
  );
}
