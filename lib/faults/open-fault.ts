import type { Tx } from "@/lib/db/client";
import type { FaultSource, FaultType, Severity } from "@/lib/generated/prisma/client";
import { UNRESOLVED } from "./unresolved";

export interface NewFault {
  fingerprint: string;
  type: FaultType;
  severity: Severity;
  serviceId: string;
  instanceId: string | null;
  parentId?: string | null;
  startedAt: Date;
  detectedAt: Date;
  cause: string;
  source: FaultSource;
  actor: string;
  /** Instance DOWN faults: the observers that see it DOWN (see down-rules.ts). */
  downSources?: FaultSource[];
}

/**
 * The unresolved fault for this fingerprint, or a new one (with its OPENED event). Two writers
 * racing on the same fingerprint end up with the same row: the partial unique index turns the
 * second insert into a no-op (ON CONFLICT DO NOTHING — a plain insert would abort the whole
 * transaction on PostgreSQL), and that writer reads the winner's row.
 */
export async function openOrReuseFault(tx: Tx, f: NewFault): Promise<{ id: string; number: number; created: boolean }> {
  const existing = await tx.fault.findFirst({ where: { fingerprint: f.fingerprint, ...UNRESOLVED }, select: { id: true, number: true } });
  if (existing) return { ...existing, created: false };
  const { actor, ...data } = f;
  // The ON CONFLICT target names the partial unique index by its predicate: it must imply the
  // index's `WHERE "status" <> 'RESOLVED'` ("Fault_open_fingerprint_key", init migration) for
  // PostgreSQL to infer it, and the same expression always does — so this SQL keeps `<>` and does
  // not use UNRESOLVED's IN list. Change both together, with a migration, or neither.
  const rows = await tx.$queryRaw<Array<{ id: string; number: number }>>`
    INSERT INTO "Fault" ("id","type","severity","serviceId","instanceId","parentId","startedAt","detectedAt","cause","source","fingerprint","downSources","updatedAt")
    VALUES (gen_random_uuid(), ${data.type}::"FaultType", ${data.severity}::"Severity", ${data.serviceId}::uuid, ${data.instanceId}::uuid,
            ${data.parentId ?? null}::uuid, ${data.startedAt}, ${data.detectedAt}, ${data.cause}, ${data.source}::"FaultSource", ${data.fingerprint},
            ${data.downSources ?? []}::text[]::"FaultSource"[], now())
    ON CONFLICT ("fingerprint") WHERE "status" <> 'RESOLVED' DO NOTHING
    RETURNING "id", "number"`;
  if (rows[0]) {
    await tx.faultEvent.create({ data: { faultId: rows[0].id, at: f.detectedAt, kind: "OPENED", actor, message: f.cause } });
    return { ...rows[0], created: true };
  }
  const winner = await tx.fault.findFirstOrThrow({ where: { fingerprint: f.fingerprint, ...UNRESOLVED }, select: { id: true, number: true } });
  return { ...winner, created: false };
}
