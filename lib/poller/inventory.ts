import { UNRESOLVED } from "@/lib/faults/unresolved";
import type { Db } from "@/lib/db/client";
import { activeMaintenance, type MaintenanceSets } from "@/lib/maintenance/active-maintenance";
import type { InstanceContext } from "@/lib/faults/apply-transition";
import { errLine, log } from "@/lib/log";
import { probeSpecFromInstance } from "@/lib/probes/types";
import { inventoryDigest } from "./inventory-digest";
import type { Job } from "./scheduler";
import { resumedState, type Tracked } from "./tracked";

/** Where the inventory puts the instances it finds (the Scheduler). */
export interface JobTable {
  upsert(job: Job): void;
  remove(id: string): void;
  ids(): string[];
}

const instanceQuery = {
  where: { enabled: true, archivedAt: null, pool: { service: { archivedAt: null } } },
  include: { pool: { include: { service: { select: { id: true, name: true } } } } },
} as const;

/**
 * The poller's view of what to check: the enabled instances (with pool and service) and the
 * active maintenance windows, re-read periodically. Instances are added to, updated in and
 * removed from the job table as they change; an instance already tracked keeps its watch state.
 */
export class Inventory {
  readonly tracked = new Map<string, Tracked>();
  private maintenance: MaintenanceSets = { services: new Set(), instances: new Set() };
  private loadedDigest = "";
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobTable,
    /** Housekeeping that rides on a successful periodic refresh (so it stays quiet through an outage). */
    private readonly afterRefresh: () => Promise<unknown> = async () => undefined,
  ) {}

  get size(): number {
    return this.tracked.size;
  }

  get(id: string): Tracked | undefined {
    return this.tracked.get(id);
  }

  inMaintenance(ctx: InstanceContext): boolean {
    return this.maintenance.instances.has(ctx.instanceId) || this.maintenance.services.has(ctx.serviceId);
  }

  /** First read, then every `refreshMs` (a failed refresh keeps the last list and is retried). */
  async start(refreshMs: number): Promise<void> {
    this.loadedDigest = await inventoryDigest(this.db);
    await this.refresh();
    this.timer = setInterval(() => {
      this.periodicRefresh().then(
        () => {
          if (this.failing) log.info("poller: instance refresh works again");
          this.failing = false;
          this.afterRefresh().catch((err: unknown) => log.warn({ err: errLine(err) }, "poller: housekeeping after refresh failed"));
        },
        (err: unknown) => {
          // Once per outage, not every refresh: the writer reports the outage too.
          if (!this.failing) log.warn({ err: errLine(err) }, "poller: instance refresh failed; keeping the last list");
          this.failing = true;
        },
      );
    }, refreshMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Re-read instances and maintenance now. */
  async refresh(): Promise<void> {
    const [rows, m] = await Promise.all([this.db.instance.findMany(instanceQuery), activeMaintenance(this.db, new Date())]);
    this.maintenance = m;
    const seen = new Set<string>();
    const downSince = await openDownFaultStarts(
      this.db,
      rows.filter((r) => r.observedHealth === "DOWN").map((r) => r.id),
    );
    for (const row of rows) {
      seen.add(row.id);
      let spec;
      try {
        spec = probeSpecFromInstance(row);
      } catch (err) {
        log.error({ instance: row.name, err: (err as Error).message }, "instance check config invalid; not polled");
        continue;
      }
      const ctx = { instanceId: row.id, instanceName: row.name, serviceId: row.pool.service.id, serviceName: row.pool.service.name, poolRole: row.pool.role };
      const thresholds = { rise: row.checkRise, fall: row.checkFall };
      const existing = this.tracked.get(row.id);
      if (existing) {
        // In place: a check in flight holds this object and must see the edit.
        Object.assign(existing, { ctx, spec, thresholds, intervalMs: row.checkIntervalMs });
      } else {
        this.tracked.set(row.id, {
          ctx,
          spec,
          thresholds,
          intervalMs: row.checkIntervalMs,
          state: resumedState(row.observedHealth, row.observedHealthAt, downSince.get(row.id) ?? null),
          flapHistory: [],
          flappingOpen: false,
          lastTransitionAt: row.observedHealthAt,
        });
      }
      this.jobs.upsert({ id: row.id, intervalMs: row.checkIntervalMs });
    }
    for (const id of this.jobs.ids()) {
      if (!seen.has(id)) {
        this.jobs.remove(id);
        this.tracked.delete(id);
      }
    }
  }

  // The timer re-reads the instance list only when the inventory changed: the full read (Prisma,
  // with pool and service) blocks the event loop for ~0.5–1 s at 10,000 instances, which showed
  // up as schedule lag every refresh. Maintenance windows are re-read every time (a small query).
  // The digest is taken before the read, so a change racing the read costs a reload, not a miss.
  private async periodicRefresh(): Promise<void> {
    const digest = await inventoryDigest(this.db);
    if (digest === this.loadedDigest) {
      this.maintenance = await activeMaintenance(this.db, new Date());
      return;
    }
    await this.refresh();
    this.loadedDigest = digest;
  }
}

/** startedAt of each instance's open DOWN fault (so a resumed DOWN knows when it began). */
async function openDownFaultStarts(db: Db, instanceIds: string[]): Promise<Map<string, Date>> {
  if (instanceIds.length === 0) return new Map();
  const faults = await db.fault.findMany({
    where: { instanceId: { in: instanceIds }, ...UNRESOLVED, fingerprint: { endsWith: ":down" } },
    select: { instanceId: true, startedAt: true },
  });
  return new Map(faults.map((f) => [f.instanceId!, f.startedAt]));
}
