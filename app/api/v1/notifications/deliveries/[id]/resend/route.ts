import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { resendDelivery } from "@/lib/notifications/deliveries";
import { ReasonOnly } from "@/lib/notifications/schemas";

/** Queue a DEAD, SUPPRESSED or DELIVERED message again (same idempotency key); a pending one is left alone. */
export const POST = route<RouteContext<"/api/v1/notifications/deliveries/[id]/resend">>(async (req, { params }) => {
  const actor = await requireRole(req, "OPERATOR");
  const { reason } = await parseBody(ReasonOnly, req);
  return ok(await resendDelivery(db(), auditContext(req, actor), (await params).id, reason));
});
