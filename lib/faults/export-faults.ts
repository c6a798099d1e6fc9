import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toCsv } from "./csv";
import { faultWhere } from "./list-faults";
import { FaultListQuery } from "./schemas";
import { faultInclude, toFaultView, type FaultView } from "./view";

export const FaultExportQuery = FaultListQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(["csv", "json"]).default("csv"),
});
export type FaultExportQuery = z.infer<typeof FaultExportQuery>;

/** Most rows one export returns; a larger set is cut (newest kept) and flagged as truncated. */
const EXPORT_CAP = 50_000;
// Rows per database round trip: keeps each query (and its includes) small.
const BATCH = 5_000;

/** One exported fault: the same fields, in the same order, in CSV and JSON. */
export interface FaultExportRow {
  key: string;
  status: FaultView["status"];
  severity: FaultView["severity"];
  service: string;
  instance: string | null;
  type: string;
  startedAt: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  /** Whole seconds from start to resolution (to now while open). */
  durationSeconds: number;
  cause: string;
  resolution: string | null;
  source: string;
  flapping: boolean;
}

export const EXPORT_COLUMNS = [
  "key",
  "status",
  "severity",
  "service",
  "instance",
  "type",
  "startedAt",
  "detectedAt",
  "acknowledgedAt",
  "resolvedAt",
  "durationSeconds",
  "cause",
  "resolution",
  "source",
  "flapping",
] as const satisfies readonly (keyof FaultExportRow)[];

/** A fault as an export row. */
export function toExportRow(f: FaultView): FaultExportRow {
  return {
    key: f.key,
    status: f.status,
    severity: f.severity,
    service: f.service.name,
    instance: f.instance?.name ?? null,
    type: f.type,
    startedAt: f.startedAt,
    detectedAt: f.detectedAt,
    acknowledgedAt: f.acknowledgedAt,
    resolvedAt: f.resolvedAt,
    durationSeconds: Math.floor(f.durationMs / 1000),
    cause: f.cause,
    resolution: f.resolution,
    source: f.source,
    flapping: f.flapping,
  };
}

/** Export rows as CSV text with a header line. */
export function exportCsv(rows: readonly FaultExportRow[]): string {
  return toCsv(
    EXPORT_COLUMNS,
    rows.map((r) => EXPORT_COLUMNS.map((c) => r[c])),
  );
}

/**
 * Every fault matching the list filters (the same `faultWhere` as the page), newest first, at
 * most `cap` (EXPORT_CAP) of them; `truncated` says whether more matched. Read in batches.
 */
export async function exportFaults(
  db: Db,
  q: FaultExportQuery,
  { cap = EXPORT_CAP, batch = BATCH }: { cap?: number; batch?: number } = {},
): Promise<{ rows: FaultExportRow[]; truncated: boolean }> {
  const base = faultWhere(q).AND as Prisma.FaultWhereInput[];
  const now = new Date();
  const rows: FaultExportRow[] = [];
  let before: number | undefined;
  for (;;) {
    // One row past the cap tells whether the cap cut the set.
    const take = Math.min(batch, cap + 1 - rows.length);
    const page = await db.fault.findMany({
      where: { AND: before === undefined ? base : [...base, { number: { lt: before } }] },
      include: faultInclude,
      orderBy: { number: "desc" },
      take,
    });
    for (const f of page) rows.push(toExportRow(toFaultView(f, now)));
    if (page.length < take || rows.length > cap) break;
    before = page[page.length - 1]!.number;
  }
  const truncated = rows.length > cap;
  return { rows: truncated ? rows.slice(0, cap) : rows, truncated };
}
