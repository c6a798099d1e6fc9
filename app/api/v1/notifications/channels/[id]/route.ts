import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { toChannelView } from "@/lib/notifications/channel-view";
import { deleteChannel, getChannel, updateChannel } from "@/lib/notifications/channels";
import { ReasonOnly, UpdateChannelInput } from "@/lib/notifications/schemas";

export const GET = route<RouteContext<"/api/v1/notifications/channels/[id]">>(async (req, { params }) => {
  await requireRole(req, "OPERATOR");
  return ok(toChannelView(await getChannel(db(), (await params).id)));
});

export const PATCH = route<RouteContext<"/api/v1/notifications/channels/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(UpdateChannelInput, req);
  return ok(await updateChannel(db(), auditContext(req, actor), (await params).id, input));
});

/** Deletes the channel, its routes and its delivery log (the audit log keeps what it was). */
export const DELETE = route<RouteContext<"/api/v1/notifications/channels/[id]">>(async (req, { params }) => {
  const actor = await requireRole(req, "ADMIN");
  const { reason } = await parseBody(ReasonOnly, req);
  return ok(await deleteChannel(db(), auditContext(req, actor), (await params).id, reason));
});
