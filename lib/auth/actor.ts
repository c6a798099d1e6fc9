import type { Role } from "./roles";

/** Who is making a request: a signed-in person or a named API token. */
export interface Actor {
  kind: "user" | "token";
  id: string;
  /** What the audit log records: the user's email, or `token:<name>`. */
  name: string;
  role: Role;
}

/** Actor for work Faultline does by itself (first-run setup, policies). */
export const systemActor = (name: "system" | "policy" | "poller" = "system"): Actor => ({ kind: "token", id: name, name, role: "ADMIN" });
