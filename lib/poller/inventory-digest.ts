import type { Db } from "@/lib/db/client";

/**
 * A cheap fingerprint of what the poller's refresh reads: per table, the row count and a sum of
 * hashes of (id, updatedAt) — enabled instances, pools, services. Any create, delete, enable/disable
 * or edit through Prisma (which sets `updatedAt`) changes it, whatever the writer's clock says; the
 * writer's raw `lastCheckAt` updates do not. A health transition does (Prisma bumps `updatedAt`),
 * which costs one extra reload. For 10,000 instances it costs PostgreSQL ~10 ms and the poller one
 * row, where re-reading the list through Prisma blocks the event loop for ~0.5–1 s.
 */
export async function inventoryDigest(db: Db): Promise<string> {
  const rows = await db.$queryRawUnsafe<Array<{ digest: string }>>(
    `SELECT concat_ws('/',
       (SELECT count(*) || ':' || coalesce(sum(hashtext(id::text || "updatedAt"::text)::bigint), 0) FROM "Instance" WHERE enabled AND "archivedAt" IS NULL),
       (SELECT count(*) || ':' || coalesce(sum(hashtext(id::text || "updatedAt"::text)::bigint), 0) FROM "Pool"),
       (SELECT count(*) || ':' || coalesce(sum(hashtext(id::text || "updatedAt"::text)::bigint), 0) FROM "Service")
     ) AS digest`,
  );
  return rows[0]!.digest;
}
