import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { exportFleet, loadFleet } from "@/lib/fleet-file/apply";
import { attachment, route } from "@/lib/http/respond";

/** Viewers: the fleet as a fleet file (YAML). */
export const GET = route(async (req) => {
  await requireRole(req, "VIEWER");
  return attachment(exportFleet(await loadFleet(db())), { filename: "faultline.yaml", contentType: "application/yaml; charset=utf-8" });
});
