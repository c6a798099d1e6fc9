import type { AuditActor } from "@/lib/audit/audited";
import type { Role } from "./roles";

/** Who is making a request: a signed-in person or a named API token (`name` is what the audit log records). */
export interface Actor extends AuditActor {
  id: string;
  role: Role;
  /** A signed-in person still on an admin-given password (tokens: never). */
  mustChangePassword?: boolean;
}

/** Actor for work Faultline does by itself (first-run setup, policies). */
export const systemActor = (name: "system" | "policy" | "poller" | "config-file" = "system"): Actor => ({ kind: "token", id: name, name, role: "ADMIN" });
