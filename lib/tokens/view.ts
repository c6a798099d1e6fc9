import type { Role } from "@/lib/auth/roles";

/** A token as listed: never its secret or hash. */
export interface TokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  active: boolean;
}

type Row = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
};

export function toTokenView(t: Row, now = new Date()): TokenView {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    revokedBy: t.revokedBy,
    active: !t.revokedAt && (!t.expiresAt || t.expiresAt > now),
  };
}
