import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { listDeliveries } from "@/lib/notifications/deliveries";
import { DeliveryListQuery } from "@/lib/notifications/schemas";

/** The delivery log, newest first: `?channelId=`, `?faultId=`, `?status=DEAD`. */
export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  return ok(await listDeliveries(db(), parseQuery(DeliveryListQuery, req)));
});
