import type { NotificationChannel } from "@/lib/generated/prisma/client";
import { unseal } from "@/lib/secrets/seal";
import type { ChannelKind } from "@/lib/status/notify-vocabulary";

export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  ratePerMinute: number;
  timeoutMs: number;
  settings: Record<string, unknown>;
  /**
   * Which secrets are set, masked: a URL shows only its origin (`https://hooks.slack.com/…`),
   * anything else `••••`. The values themselves never leave the server.
   */
  secrets: Record<string, string | null>;
  /** Set when this process cannot open the sealed secrets (another FAULTLINE_SECRET_KEY). */
  secretsError: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

function maskSecret(key: string, value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (key === "url" && typeof value === "string") {
    try {
      return `${new URL(value).origin}/…`;
    } catch {
      return "••••";
    }
  }
  return "••••";
}

/** The channel's secrets, opened (for the sender and for merging an update). */
export function openSecrets(row: Pick<NotificationChannel, "secrets">): Record<string, unknown> {
  return JSON.parse(unseal(row.secrets)) as Record<string, unknown>;
}

export function toChannelView(row: NotificationChannel): ChannelView {
  let secrets: Record<string, string | null> = {};
  let secretsError: string | null = null;
  try {
    secrets = Object.fromEntries(Object.entries(openSecrets(row)).map(([k, v]) => [k, maskSecret(k, v)]));
  } catch (err) {
    secretsError = (err as Error).message;
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    ratePerMinute: row.ratePerMinute,
    timeoutMs: row.timeoutMs,
    settings: row.settings as Record<string, unknown>,
    secrets,
    secretsError,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
