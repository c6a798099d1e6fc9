import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { parseFaultKey } from "./fingerprint";
import { faultInclude, toFaultView, type FaultEventView, type FaultView } from "./view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fault by id or human key (F-1042), with its timeline and grouped children. */
export async function getFault(db: Db, idOrKey: string): Promise<FaultView & { events: FaultEventView[]; children: FaultView[] }> {
  const n = UUID.test(idOrKey) ? undefined : parseFaultKey(idOrKey);
  if (!UUID.test(idOrKey) && n === undefined) throw notFound("fault");
  const row = await db.fault.findUnique({
    where: n !== undefined ? { number: n } : { id: idOrKey },
    include: { ...faultInclude, events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, children: { include: faultInclude, orderBy: { number: "asc" } } },
  });
  if (!row) throw notFound("fault");
  const now = new Date();
  return {
    ...toFaultView(row, now),
    events: row.events.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), kind: e.kind, actor: e.actor, message: e.message, data: e.data })),
    children: row.children.map((c) => toFaultView(c, now)),
  };
}

/** What GET /api/v1/faults/:idOrKey answers. */
export type FaultDetail = Awaited<ReturnType<typeof getFault>>;
