/**
 * Every audit action and target kind Faultline writes (documenso's audit-log types are the
 * model): a new action is added here first, so the log's vocabulary is one list a reader can
 * check. Browser-safe: no imports.
 */

/** Dotted verbs, by concern. */
/** @public The catalogue, as a runtime list (filters, pickers). */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_out",
  "auth.refused",
  "setup.create_admin",
  "user.create",
  "user.update",
  "user.password_change",
  "token.create",
  "token.rotate",
  "token.revoke",
  "service.create",
  "service.update",
  "service.archive",
  "service.delete",
  "pool.create",
  "service.policy",
  "service.failover",
  "service.failback",
  "service.auto_failover",
  "service.failover.finished",
  "service.failback.finished",
  "instance.create",
  "instance.bulk_create",
  "instance.edit",
  "instance.archive",
  "instance.delete",
  "instance.update",
  "instance.auto_drain",
  "instance.auto_undrain",
  "instance.drift_adopted",
  "instance.drift_reapplied",
  "fault.create",
  "fault.update",
  "maintenance.create",
  "maintenance.cancel",
  "root_cause_category.create",
  "root_cause_category.update",
  "root_cause_category.delete",
  "balancer.create",
  "balancer.update",
  "balancer.delete",
  "balancer.import",
  "balancer.test",
  "check.test",
  "config.plan",
  "config.apply",
  "notification_channel.create",
  "notification_channel.update",
  "notification_channel.delete",
  "notification_channel.test",
  "notification_route.create",
  "notification_route.update",
  "notification_route.delete",
  "notification.resend",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What an entry is about. `email` is a sign-in attempt naming an address no account has (there is
 * no id to name); `runtime` is a Runtime API address an admin tested (the address is its identity);
 * `route` is `METHOD /path` of a request the authorisation gate refused; `address` is a `host:port` an
 * operator ran a health check against; `config:fleet` is the fleet file's apply.
 */
export const AUDIT_TARGET_KINDS = [
  "user",
  "email",
  "token",
  "service",
  "pool",
  "instance",
  "fault",
  "maintenance",
  "root_cause_category",
  "balancer",
  "runtime",
  "route",
  "address",
  "config",
  "notification_channel",
  "notification_route",
  "notification_delivery",
] as const;
type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/**
 * A target by id, with its name alongside (stored as `targetName`): the key stays valid when the
 * thing is renamed, the name says what it was called then. Root-cause categories are keyed by
 * their name, so their id is the name.
 */
export interface AuditTarget {
  kind: AuditTargetKind;
  id: string;
  name?: string | null;
}

/**
 * The id of a thing that a creation was about to make: a FAILED creation never got an id, so its
 * entry says `user:new` and carries the name it would have had.
 */
export const NEW_ID = "new";

/** `<kind>:<id>`, the stored `target`. */
export function targetKey(t: AuditTarget): string {
  return `${t.kind}:${t.id}`;
}
