import { z } from "zod";
import { auditContext } from "@/app/api/_shared/audit-context";
import { db } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { deleteRootCauseCategory, RootCauseCategoryPatch, updateRootCauseCategory } from "@/lib/faults/root-cause-categories";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { Reason } from "@/lib/audit/reason";

type Ctx = RouteContext<"/api/v1/root-cause-categories/[name]">;

export const PATCH = route<Ctx>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(RootCauseCategoryPatch, req);
  return ok(await updateRootCauseCategory(db(), auditContext(req, actor), (await params).name, input));
});

export const DELETE = route<Ctx>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(z.object({ reason: Reason }).optional(), req);
  return ok(await deleteRootCauseCategory(db(), auditContext(req, actor), (await params).name, input?.reason));
});
