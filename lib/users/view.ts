import type { Role } from "@/lib/auth/roles";

/** A user as the API shows it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  disabledAt: string | null;
  /** Still on the password an admin gave: asked to change it at sign-in. */
  mustChangePassword: boolean;
  createdAt: string;
}

export function toUserView(u: {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  createdAt: Date;
}): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabledAt !== null,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}
