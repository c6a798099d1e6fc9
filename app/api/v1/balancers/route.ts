import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { createBalancer, listBalancers, NewBalancerBody } from "@/lib/balancer/balancers";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Balancers Faultline drives (admins). */
export const GET = route(async (req) => {
  await requireRole(req, "ADMIN");
  return ok(await listBalancers(db()));
});

/** Register a HAProxy by its Runtime API address: `{ name, runtimeApi, serverStateFile?, driftPolicy? }`. */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const body = await parseBody(NewBalancerBody, req);
  return ok(await createBalancer(db(), auditContext(req, actor), body), 201);
});
