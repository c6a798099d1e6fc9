import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { loadEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { sendTest } from "@/lib/notifications/deliveries";
import { ReasonOnly } from "@/lib/notifications/schemas";
import { notifierConfig } from "@/lib/runtime/notifier-job";

/** Send a test message now; answers with the attempt (status DELIVERED, or DEAD with the error). */
export const POST = route<RouteContext<"/api/v1/notifications/channels/[id]/test">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(ReasonOnly, req);
  return ok(await sendTest(db(), auditContext(req, actor), (await params).id, notifierConfig(loadEnv()), reason));
});
