import { withClient } from "@/lib/db/with-client";

export interface FaultSeed {
  services: number;
  instancesPerPool: number;
  faults: number;
  days: number;
}

/**
 * A large fault history written by PostgreSQL itself (INSERT … SELECT generate_series: 100k rows in
 * about a second, where Prisma's createMany writes ~4k rows/s). Services have an ACTIVE and a
 * STANDBY pool; 1 % of the faults are SERVICE_DOWN outages, ~1 % flapping, 0.2 % still open;
 * every service has two maintenance windows. Returns the row counts written.
 */
export async function seedFaultHistory(url: string, o: FaultSeed): Promise<{ services: number; instances: number; faults: number; maintenance: number }> {
  return withClient(url, async (c) => {
    const created = `now() - interval '${o.days + 1} days'`;
    await c.query(
      `INSERT INTO "Service" (id, name, "sloTargetPct", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'svc-' || lpad(g::text, 3, '0'), CASE WHEN g % 3 = 0 THEN 99.95 ELSE 99.9 END, ${created}, now() FROM generate_series(1, $1) g`,
      [o.services],
    );
    await c.query(`INSERT INTO "Pool" (id, "serviceId", name, role, "updatedAt")
      SELECT gen_random_uuid(), s.id, s.name || '-' || r.role, r.role::"PoolRole", now() FROM "Service" s CROSS JOIN (VALUES ('ACTIVE'), ('STANDBY')) r(role)`);
    await c.query(
      `INSERT INTO "Instance" (id, "poolId", name, address, "updatedAt")
      SELECT gen_random_uuid(), p.id, p.name || '-' || g, '127.0.0.1:' || (20000 + g), now() FROM "Pool" p CROSS JOIN generate_series(1, $1) g`,
      [o.instancesPerPool],
    );
    const outages = Math.floor(o.faults / 100);
    // Instance faults: spread over every instance and the whole range, 5 s – 10 min long.
    await c.query(
      `WITH inst AS (SELECT i.id, p."serviceId", row_number() OVER (ORDER BY i.id) - 1 AS rn, count(*) OVER () AS n FROM "Instance" i JOIN "Pool" p ON p.id = i."poolId")
      INSERT INTO "Fault" (id, type, status, severity, "serviceId", "instanceId", "startedAt", "detectedAt", "acknowledgedAt", "resolvedAt", cause, source, flapping, "flapCount", fingerprint, "updatedAt")
      SELECT gen_random_uuid(), (ARRAY['TIMEOUT','CONNECTION_REFUSED','HTTP_STATUS','HTTP_STATUS','BODY_MISMATCH','SLOW_RESPONSE','TLS','DNS'])[1 + g % 8]::"FaultType",
             (CASE WHEN g % 500 = 0 THEN 'OPEN' ELSE 'RESOLVED' END)::"FaultStatus", 'SEV3', inst."serviceId", inst.id,
             t.s, t.s + (2 + g % 3) * interval '1 s', CASE WHEN g % 5 = 0 THEN t.s + interval '90 s' END,
             CASE WHEN g % 500 = 0 THEN NULL ELSE t.s + (5 + g % 595) * interval '1 s' END,
             'bench fault', 'POLLER', g % 97 = 0, CASE WHEN g % 97 = 0 THEN 4 ELSE 0 END,
             CASE WHEN g % 500 = 0 THEN 'bench:open:' || g ELSE 'instance:' || inst.id || ':down' END, now()
        FROM generate_series(1, $1) g
        JOIN inst ON inst.rn = g % inst.n
        CROSS JOIN LATERAL (SELECT now() - (g::float8 / $1) * interval '${o.days} days' AS s) t`,
      [o.faults - outages],
    );
    // Service outages: 10 s – 10 min, resolved.
    await c.query(
      `WITH svc AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn, count(*) OVER () AS n FROM "Service")
      INSERT INTO "Fault" (id, type, status, severity, "serviceId", "startedAt", "detectedAt", "resolvedAt", cause, source, fingerprint, "updatedAt")
      SELECT gen_random_uuid(), 'SERVICE_DOWN', 'RESOLVED', 'SEV1', svc.id, t.s, t.s + interval '2 s', t.s + (10 + g % 590) * interval '1 s',
             'bench outage', 'POLLER', 'service:' || svc.id || ':down', now()
        FROM generate_series(1, $1) g JOIN svc ON svc.rn = g % svc.n
        CROSS JOIN LATERAL (SELECT now() - (g::float8 / $1) * interval '${o.days} days' AS s) t`,
      [outages],
    );
    await c.query(`INSERT INTO "MaintenanceWindow" (id, "serviceId", "startsAt", "endsAt", reason, "createdBy")
      SELECT gen_random_uuid(), s.id, now() - (k * 7) * interval '1 day', now() - (k * 7) * interval '1 day' + interval '2 hours', 'bench window', 'bench'
        FROM "Service" s CROSS JOIN generate_series(1, 2) k`);
    await c.query("ANALYZE");
    const count = async (table: string) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
    return {
      services: await count("Service"),
      instances: await count("Instance"),
      faults: await count("Fault"),
      maintenance: await count("MaintenanceWindow"),
    };
  });
}
