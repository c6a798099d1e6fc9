import type { Tx } from "@/lib/db/client";
import type { FaultEventKind, Prisma } from "@/lib/generated/prisma/client";

/** One entry on a fault's timeline. */
export interface FaultEvidence {
  at: Date;
  kind: FaultEventKind;
  actor: string;
  message: string;
  data?: Prisma.InputJsonValue;
}

/** Put one event on a fault's timeline (evidence, a note, a flap); the fault row is unchanged. */
export async function addEvidence(tx: Tx, faultId: string, event: FaultEvidence): Promise<void> {
  await tx.faultEvent.create({ data: { faultId, ...event } });
}
