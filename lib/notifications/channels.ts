import { z } from "zod";
import { audited, type AuditContext } from "@/lib/audit/audited";
import { NEW_ID } from "@/lib/audit/catalogue";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { seal } from "@/lib/secrets/seal";
import { openSecrets, toChannelView, type ChannelView } from "./channel-view";
import { CHANNEL_SHAPES, CreateChannelInput, type UpdateChannelInput } from "./schemas";

/** Channel CRUD (admin). The audit entry carries the masked view: a secret never reaches the log. */

export async function listChannels(db: Db): Promise<ChannelView[]> {
  return (await db.notificationChannel.findMany({ orderBy: { name: "asc" } })).map(toChannelView);
}

export async function getChannel(db: Db | Tx, id: string) {
  const row = await db.notificationChannel.findUnique({ where: { id } });
  if (!row) throw notFound("channel");
  return row;
}

async function nameFree(tx: Tx, name: string, except?: string) {
  const other = await tx.notificationChannel.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== except) throw new AppError("CONFLICT", `a channel named ${name} already exists`, "name");
}

/** `raw` as the API takes it (defaults filled in here). */
export async function createChannel(db: Db, ctx: AuditContext, raw: z.input<typeof CreateChannelInput>): Promise<ChannelView> {
  const input = CreateChannelInput.parse(raw);
  return audited(
    db,
    ctx,
    { action: "notification_channel.create", target: { kind: "notification_channel", id: NEW_ID, name: input.name }, reason: input.reason },
    async (tx) => {
      await nameFree(tx, input.name);
      const row = await tx.notificationChannel.create({
        data: {
          name: input.name,
          kind: input.kind,
          enabled: input.enabled,
          ratePerMinute: input.ratePerMinute,
          timeoutMs: input.timeoutMs,
          settings: input.settings as Prisma.InputJsonValue,
          secrets: seal(JSON.stringify(input.secrets)),
          createdBy: ctx.actor.name,
        },
      });
      const view = toChannelView(row);
      return { value: view, after: view, target: { kind: "notification_channel", id: row.id, name: row.name } };
    },
  );
}

/** A zod failure of a nested part, reported with its full path (`settings.host`). */
function parseAt<S extends z.ZodType>(schema: S, value: unknown, at: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [];
  const field = [at, ...issue.path, ...keys].join(".");
  throw new AppError("VALIDATION", `${field}: ${issue.message}`, field);
}

export async function updateChannel(db: Db, ctx: AuditContext, id: string, input: UpdateChannelInput): Promise<ChannelView> {
  return audited(db, ctx, { action: "notification_channel.update", target: { kind: "notification_channel", id }, reason: input.reason }, async (tx) => {
    const cur = await getChannel(tx, id);
    const shape = CHANNEL_SHAPES[cur.kind];
    if (input.name) await nameFree(tx, input.name, id);
    const settings = input.settings ? parseAt(shape.settings, input.settings, "settings") : undefined;
    let secrets: string | undefined;
    if (input.secrets) {
      let kept: Record<string, unknown> = {};
      try {
        kept = openSecrets(cur);
      } catch {
        // Sealed with another key: only a complete new set can replace them.
      }
      secrets = seal(JSON.stringify(parseAt(shape.secrets, { ...kept, ...input.secrets }, "secrets")));
    }
    const row = await tx.notificationChannel.update({
      where: { id },
      data: {
        name: input.name,
        enabled: input.enabled,
        ratePerMinute: input.ratePerMinute,
        timeoutMs: input.timeoutMs,
        settings: settings as Prisma.InputJsonValue | undefined,
        secrets,
      },
    });
    const before = toChannelView(cur);
    const after = toChannelView(row);
    return { value: after, before, after, target: { kind: "notification_channel", id, name: row.name } };
  });
}

/** Delete a channel with its routes and its delivery log (the audit log keeps the record). */
export async function deleteChannel(db: Db, ctx: AuditContext, id: string, reason?: string): Promise<{ deleted: true }> {
  return audited(db, ctx, { action: "notification_channel.delete", target: { kind: "notification_channel", id }, reason }, async (tx) => {
    const cur = await getChannel(tx, id);
    await tx.notificationChannel.delete({ where: { id } });
    return { value: { deleted: true as const }, before: toChannelView(cur), target: { kind: "notification_channel", id, name: cur.name } };
  });
}
