import type { AuditContext } from "@/lib/audit/audited";
import type { Actor } from "@/lib/auth/actor";
import { clientIp, requestId } from "@/lib/http/request-context";

/** Who did it, from where, as the audit log records it: taken from the request here, at the HTTP edge. */
export function auditContext(req: Request, actor: Actor): AuditContext {
  return { actor, requestId: requestId(req), clientIp: clientIp(req) };
}
