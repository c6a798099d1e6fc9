import { ui } from "@/components/common/ui";
import { trafficShares, type ShareInput } from "@/lib/balancer/traffic-share";
import type { InstanceView, ServiceView } from "@/lib/services/views";
import { percent } from "./format";

const shareInput = (i: InstanceView, weight = i.desired.weight): ShareInput => ({
  id: i.id,
  role: i.role,
  weight,
  adminState: i.desired.adminState,
  health: i.health,
});

/**
 * Each instance's share of the service's new requests now and with `weight` on `changed`, by
 * HAProxy's weighted round-robin (lib/balancer/traffic-share) — shown while the slider moves,
 * before anything is applied.
 */
export function TrafficShareTable({ service, changed, weight }: { service: ServiceView; changed: InstanceView; weight: number }) {
  const instances = service.pools.flatMap((p) => p.instances);
  const now = trafficShares(instances.map((i) => shareInput(i)));
  const after = trafficShares(instances.map((i) => shareInput(i, i.id === changed.id ? weight : i.desired.weight)));
  return (
    <div className="max-h-64 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className={ui.table} aria-label="Resulting traffic share">
        <thead className={ui.thead}>
          <tr>
            <th className={ui.th}>Instance</th>
            <th className={`${ui.th} text-right`}>Weight</th>
            <th className={`${ui.th} text-right`}>Now</th>
            <th className={`${ui.th} text-right`}>After</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {instances.map((i) => {
            const before = now.get(i.id) ?? 0;
            const next = after.get(i.id) ?? 0;
            const moved = Math.abs(next - before) > 1e-9;
            return (
              <tr key={i.id} className={`${ui.tr} ${i.id === changed.id ? "bg-sky-50 dark:bg-sky-950/60" : ""}`} data-testid="share-row" data-instance={i.name}>
                <td className={`${ui.td} font-mono text-xs`}>
                  {i.name}
                  <span className="ml-1 font-sans text-slate-500">
                    {i.role === "STANDBY" ? "standby" : ""}
                    {i.desired.adminState !== "READY" ? ` ${i.desired.adminState.toLowerCase()}` : ""}
                    {i.health === "DOWN" ? " down" : ""}
                  </span>
                </td>
                <td className={`${ui.td} text-right`}>{i.id === changed.id ? weight : i.desired.weight}</td>
                <td className={`${ui.td} text-right`}>{percent(before)}</td>
                <td className={`${ui.td} text-right ${moved ? "font-semibold" : ""}`} data-testid="share-after">
                  {percent(next)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
