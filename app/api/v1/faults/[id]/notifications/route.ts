import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { getFault } from "@/lib/faults/get-fault";
import { ok, route } from "@/lib/http/respond";
import { faultDeliveries } from "@/lib/notifications/deliveries";

/** The notifications a fault (by id or key) caused, oldest first, with every attempt and why any was held back. */
export const GET = route<RouteContext<"/api/v1/faults/[id]/notifications">>(async (req, { params }) => {
  await requireRole(req, "VIEWER");
  const fault = await getFault(db(), (await params).id);
  return ok({ items: await faultDeliveries(db(), fault.id), nextCursor: null });
});
