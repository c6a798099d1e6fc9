import type { Tx } from "@/lib/db/client";
import { addEvidence } from "./evidence";

/** Mark a fault resolved with the written resolution; the text is also kept in the timeline. */
export async function resolveFault(tx: Tx, faultId: string, at: Date, resolution: string, actor: string): Promise<void> {
  await tx.fault.update({ where: { id: faultId }, data: { status: "RESOLVED", resolvedAt: at, resolvedBy: actor, resolution } });
  await addEvidence(tx, faultId, { at, kind: "RESOLVED", actor, message: resolution });
}
