import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { listServiceTree, ServiceListQuery } from "@/lib/services/list-services";
import { parseQuery } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

export const GET = route(async (req) => {
  const input = parseQuery(ServiceListQuery, req);
  await requireRole(req, "VIEWER");
  return ok(await listServiceTree(db(), input));
});
