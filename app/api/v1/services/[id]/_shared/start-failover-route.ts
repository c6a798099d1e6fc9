import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { FailoverBody, startFailover, type FailoverKindName } from "@/lib/failover/start-failover";
import { idempotencyKeyOf } from "@/lib/http/idempotency-key";
import { parseBody } from "@/lib/http/parse";
import { ok } from "@/lib/http/respond";

/** POST …/failover and …/failback share this: 202 { id, state } (200 when replayed by key). */
export async function handleStart(req: Request, serviceId: string, kind: FailoverKindName): Promise<Response> {
  const actor = await requireRole(req, "OPERATOR");
  const key = idempotencyKeyOf(req);
  const body = await parseBody(FailoverBody, req);
  const started = await startFailover(db(), auditContext(req, actor), serviceId, kind, body, key);
  return ok({ id: started.id, state: started.state }, started.replayed ? 200 : 202);
}
