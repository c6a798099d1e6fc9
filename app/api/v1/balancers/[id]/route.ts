import { RequiredReason } from "@/lib/audit/reason";
import { z } from "zod";
import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { BalancerPatch, deleteBalancer, updateBalancer } from "@/lib/balancer/balancers";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

/** Change a balancer's address, server-state file or drift policy (REAPPLY | ADOPT). */
export const PATCH = route<RouteContext<"/api/v1/balancers/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const body = await parseBody(BalancerPatch, req);
  return ok(await updateBalancer(db(), auditContext(req, actor), (await params).id, body));
});

const DeleteBody = z.strictObject({ reason: RequiredReason });

/** Forget a balancer; its instances stay, unlinked. */
export const DELETE = route<RouteContext<"/api/v1/balancers/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(DeleteBody, req);
  return ok(await deleteBalancer(db(), auditContext(req, actor), (await params).id, reason));
});
