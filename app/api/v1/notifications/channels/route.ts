import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";
import { createChannel, listChannels } from "@/lib/notifications/channels";
import { CreateChannelInput } from "@/lib/notifications/schemas";

/** Notification channels; secrets come back masked, never as stored. */
export const GET = route(async (req) => {
  await requireRole(req, "OPERATOR");
  return ok({ items: await listChannels(db()), nextCursor: null });
});

export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const input = await parseBody(CreateChannelInput, req);
  return ok(await createChannel(db(), auditContext(req, actor), input), 201);
});
