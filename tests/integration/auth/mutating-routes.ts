import { inject } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { createManualFault } from "@/lib/faults/update-fault";
import { createChannel } from "@/lib/notifications/channels";
import { createRoute } from "@/lib/notifications/routes";
import { seedToken, seedUser, uniqueName, type SeedUser } from "./harness";

/** A service with one pool and one instance, uniquely named: something to attach faults and windows to. */
async function seedService(prisma: Db) {
  const name = uniqueName("svc");
  return prisma.service.create({
    data: { name, pools: { create: { name: `${name}-a`, role: "ACTIVE", instances: { create: { name: `${name}-a-1`, address: "127.0.0.1:1" } } } } },
    include: { pools: { include: { instances: true } } },
  });
}

/** The shared test HAProxy's Runtime API (tests/integration/global-setup.ts). */
const matrixRuntimeApi = () => inject("matrixHaproxy");

const seedBalancer = (prisma: Db) => prisma.balancer.create({ data: { name: uniqueName("lb"), runtimeApi: matrixRuntimeApi() } });

/** A service whose ACTIVE (m1) and STANDBY (b1) instances sit behind the shared HAProxy, both seen UP by the poller. */
async function seedLinkedService(prisma: Db) {
  const b = await seedBalancer(prisma);
  const name = uniqueName("svc");
  const inst = (suffix: string, server: string) => ({
    name: `${name}-${suffix}`,
    address: "127.0.0.1:1",
    observedHealth: "UP" as const,
    balancerId: b.id,
    haproxyBackend: "matrix",
    haproxyServer: server,
  });
  const service = await prisma.service.create({ data: { name } });
  const active = await prisma.pool.create({ data: { serviceId: service.id, name: `${name}-a`, role: "ACTIVE", instances: { create: inst("a-1", "m1") } } });
  const standby = await prisma.pool.create({ data: { serviceId: service.id, name: `${name}-b`, role: "STANDBY", instances: { create: inst("b-1", "b1") } } });
  return { service, active, standby };
}

const SYSTEM = { actor: systemActor(), requestId: null, clientIp: null };

/** A webhook channel to a closed loopback port (a test send reaches nothing, and says so). */
const seedChannel = (prisma: Db) =>
  createChannel(prisma, SYSTEM, {
    kind: "WEBHOOK",
    name: uniqueName("ch"),
    timeoutMs: 500,
    secrets: { url: "http://127.0.0.1:9/hook", signingSecret: "matrix-signing-secret" },
  });

const seedRoute = async (prisma: Db) => {
  const channel = await seedChannel(prisma);
  return createRoute(prisma, SYSTEM, {
    name: uniqueName("rt"),
    channelId: channel.id,
    events: ["FAULT_OPENED"],
  });
};

/** An open fault, recorded the way an operator would (through the app, by the system actor). */
async function seedFault(prisma: Db) {
  const service = await seedService(prisma);
  return createManualFault(
    prisma,
    { actor: systemActor(), requestId: null, clientIp: null },
    { serviceId: service.id, type: "MANUAL", severity: "SEV3", cause: uniqueName("seeded fault") },
  );
}

/**
 * Who may call a route: a least role; `setup` — POST /api/v1/setup, anonymous by nature and
 * open only on an empty database (so in a seeded database it answers 409 to everyone); or
 * `person` — any signed-in person acting on their own account (API tokens get 403: they have no
 * password).
 */
export type Gate = Role | "setup" | "person";

/** One prepared call: where to send it, and how to tell whether it changed anything. */
interface PreparedCall {
  path: string;
  body?: unknown;
  /** True once the state this call would change has changed. */
  changed(): Promise<boolean>;
}

export interface MutatingRoute {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path template as Next serves it, e.g. `/api/v1/users/[id]`. */
  template: string;
  gate: Gate;
  /** Status of a permitted call. */
  okStatus: number;
  /** The audit action a permitted call records. */
  action: string;
  /**
   * Create what the call needs (a target user or token) and a valid body with unique names.
   * `caller` is the signed-in person making the call, for routes on one's own account.
   */
  prepare(prisma: Db, caller?: SeedUser): Promise<PreparedCall>;
}

/**
 * Every route under app/api that changes something. role-matrix.test.ts fails when a route
 * exports POST/PUT/PATCH/DELETE and is missing here, so a new mutation can't ship without a
 * declared role. (better-auth's catch-all /api/auth/[...all] is its own surface: sign-in and
 * sign-out are covered by sign-in.test.ts.)
 */
export const MUTATING_ROUTES: MutatingRoute[] = [
  {
    method: "POST",
    template: "/api/v1/me/password",
    action: "user.password_change",
    gate: "person",
    okStatus: 200,
    async prepare(prisma, caller) {
      const newPassword = `pw-${uniqueName("changed")}`;
      const before = caller ? await prisma.account.findFirst({ where: { userId: caller.id, providerId: "credential" } }) : null;
      return {
        path: "/api/v1/me/password",
        body: { currentPassword: caller?.password ?? "not-the-password", newPassword },
        changed: async () => {
          if (!caller) return false;
          const after = await prisma.account.findFirst({ where: { userId: caller.id, providerId: "credential" } });
          if (after?.password === before?.password) return false;
          caller.password = newPassword; // later sign-ins of this fixture user use the new password
          return true;
        },
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/users",
    action: "user.create",
    gate: "ADMIN",
    okStatus: 201,
    async prepare(prisma) {
      const email = `${uniqueName("new")}@example.com`;
      return {
        path: "/api/v1/users",
        body: { email, name: "New person", role: "VIEWER" },
        changed: async () => (await prisma.user.count({ where: { email } })) > 0,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/users/[id]",
    action: "user.update",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const target = await seedUser(prisma, "VIEWER");
      return {
        path: `/api/v1/users/${target.id}`,
        body: { role: "OPERATOR", reason: "role matrix" },
        changed: async () => (await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role !== "VIEWER",
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/tokens",
    action: "token.create",
    gate: "ADMIN",
    okStatus: 201,
    async prepare(prisma) {
      const name = uniqueName("matrix");
      return {
        path: "/api/v1/tokens",
        body: { name, role: "VIEWER", expiresInDays: 7 },
        changed: async () => (await prisma.apiToken.count({ where: { name } })) > 0,
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/tokens/[id]",
    action: "token.revoke",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const target = await seedToken(prisma, "VIEWER");
      return {
        path: `/api/v1/tokens/${target.id}`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.apiToken.findUniqueOrThrow({ where: { id: target.id } })).revokedAt !== null,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/faults",
    action: "fault.create",
    gate: "OPERATOR",
    okStatus: 201,
    async prepare(prisma) {
      const service = await seedService(prisma);
      const cause = uniqueName("checkout returns 502");
      return {
        path: "/api/v1/faults",
        body: { serviceId: service.id, cause, severity: "SEV2" },
        changed: async () => (await prisma.fault.count({ where: { cause } })) > 0,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/faults/[id]",
    action: "fault.update",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const fault = await seedFault(prisma);
      return {
        path: `/api/v1/faults/${fault.id}`,
        body: { status: "ACKNOWLEDGED", reason: "role matrix" },
        changed: async () => (await prisma.fault.findUniqueOrThrow({ where: { id: fault.id } })).status !== "OPEN",
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/maintenance",
    action: "maintenance.create",
    gate: "OPERATOR",
    okStatus: 201,
    async prepare(prisma) {
      const service = await seedService(prisma);
      const reason = uniqueName("kernel upgrade");
      return {
        path: "/api/v1/maintenance",
        body: { serviceId: service.id, endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason },
        changed: async () => (await prisma.maintenanceWindow.count({ where: { reason } })) > 0,
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/maintenance/[id]",
    action: "maintenance.cancel",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const service = await seedService(prisma);
      const window = await prisma.maintenanceWindow.create({
        data: { serviceId: service.id, startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000), reason: "seeded", createdBy: "test-seed" },
      });
      return {
        path: `/api/v1/maintenance/${window.id}`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).cancelledAt !== null,
      };
    },
  },
  // The inventory (issue 13): services, pools, instances, check tests.
  {
    method: "POST",
    template: "/api/v1/services",
    action: "service.create",
    gate: "OPERATOR",
    okStatus: 201,
    async prepare(prisma) {
      const name = uniqueName("svc");
      return { path: "/api/v1/services", body: { name, reason: "role matrix" }, changed: async () => (await prisma.service.count({ where: { name } })) === 1 };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/services/[id]",
    action: "service.update",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const service = await seedService(prisma);
      return {
        path: `/api/v1/services/${service.id}`,
        body: { owner: "team-matrix", reason: "role matrix" },
        changed: async () => (await prisma.service.findUniqueOrThrow({ where: { id: service.id } })).owner === "team-matrix",
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/services/[id]",
    action: "service.delete",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const service = await seedService(prisma);
      return {
        path: `/api/v1/services/${service.id}`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.service.count({ where: { id: service.id } })) === 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/services/[id]/pools",
    action: "pool.create",
    gate: "OPERATOR",
    okStatus: 201,
    async prepare(prisma) {
      const service = await seedService(prisma);
      return {
        path: `/api/v1/services/${service.id}/pools`,
        body: { name: "standby", role: "STANDBY", reason: "role matrix" },
        changed: async () => (await prisma.pool.count({ where: { serviceId: service.id } })) === 2,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/pools/[id]/instances",
    action: "instance.create",
    gate: "OPERATOR",
    okStatus: 201,
    async prepare(prisma) {
      const pool = (await seedService(prisma)).pools[0]!;
      const name = uniqueName("inst");
      return {
        path: `/api/v1/pools/${pool.id}/instances`,
        body: { name, address: "127.0.0.1:2", reason: "role matrix" },
        changed: async () => (await prisma.instance.count({ where: { name } })) === 1,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/pools/[id]/instances/bulk",
    action: "instance.bulk_create",
    gate: "OPERATOR",
    okStatus: 201,
    async prepare(prisma) {
      const pool = (await seedService(prisma)).pools[0]!;
      return {
        path: `/api/v1/pools/${pool.id}/instances/bulk`,
        body: { addresses: "127.0.0.1:3\n127.0.0.1:4", reason: "role matrix" },
        changed: async () => (await prisma.instance.count({ where: { poolId: pool.id } })) === 3,
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/instances/[id]",
    action: "instance.delete",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const instance = (await seedService(prisma)).pools[0]!.instances[0]!;
      return {
        path: `/api/v1/instances/${instance.id}`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.instance.count({ where: { id: instance.id } })) === 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/checks/test",
    action: "check.test",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const address = `127.0.0.1:${1 + Math.floor(Math.random() * 1000)}`;
      return {
        path: "/api/v1/checks/test",
        body: { address, check: { kind: "TCP", timeoutMs: 200 } },
        // Nothing is stored but the audit entry: that is the trace of a permitted call.
        changed: async () => (await prisma.auditEntry.count({ where: { action: "check.test", target: `address:${address}`, result: "OK" } })) > 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/config/plan",
    action: "config.plan",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const name = uniqueName("svc");
      const mark = await prisma.auditEntry.count({ where: { action: "config.plan" } });
      return {
        path: "/api/v1/config/plan",
        body: { file: `version: 1\nservices:\n  - name: ${name}\n` },
        changed: async () => (await prisma.auditEntry.count({ where: { action: "config.plan", result: "OK" } })) > mark,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/config/apply",
    action: "config.apply",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const name = uniqueName("svc");
      // Only this service is listed: without prune nothing else is touched.
      return {
        path: "/api/v1/config/apply",
        body: { file: `version: 1\nservices:\n  - name: ${name}\n`, reason: "role matrix" },
        changed: async () => (await prisma.service.count({ where: { name } })) === 1,
      };
    },
  },
  // Balancer control and failover (issue 5): a real HAProxy from global-setup (`matrixHaproxy`).
  {
    method: "PATCH",
    template: "/api/v1/instances/[id]",
    action: "instance.update",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const instance = (await seedService(prisma)).pools[0]!.instances[0]!;
      return {
        path: `/api/v1/instances/${instance.id}`,
        body: { weight: 42, reason: "role matrix" },
        changed: async () => (await prisma.instance.findUniqueOrThrow({ where: { id: instance.id } })).desiredWeight === 42,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/services/[id]/policy",
    action: "service.policy",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const service = await seedService(prisma);
      return {
        path: `/api/v1/services/${service.id}/policy`,
        body: { autoDrain: true, reason: "role matrix" },
        changed: async () => (await prisma.service.findUniqueOrThrow({ where: { id: service.id } })).autoDrain,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/services/[id]/failover",
    action: "service.failover",
    gate: "OPERATOR",
    okStatus: 202,
    async prepare(prisma) {
      const { service, standby } = await seedLinkedService(prisma);
      return {
        path: `/api/v1/services/${service.id}/failover`,
        body: { toPoolId: standby.id, reason: "role matrix" },
        changed: async () => (await prisma.failover.count({ where: { serviceId: service.id } })) > 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/services/[id]/failback",
    action: "service.failback",
    gate: "OPERATOR",
    okStatus: 202,
    async prepare(prisma) {
      const { service, active, standby } = await seedLinkedService(prisma);
      // A verified failover standby → active happened earlier: failing back goes to `standby`.
      await prisma.failover.create({
        data: { serviceId: service.id, fromPoolId: standby.id, toPoolId: active.id, trigger: "MANUAL", actor: "seed", reason: "seeded", state: "VERIFIED" },
      });
      return {
        path: `/api/v1/services/${service.id}/failback`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.failover.count({ where: { serviceId: service.id, kind: "FAILBACK" } })) > 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/balancers",
    action: "balancer.create",
    gate: "ADMIN",
    okStatus: 201,
    async prepare(prisma) {
      const name = uniqueName("lb");
      return {
        path: "/api/v1/balancers",
        body: { name, runtimeApi: matrixRuntimeApi() },
        changed: async () => (await prisma.balancer.count({ where: { name } })) > 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/balancers/test",
    action: "balancer.test",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const mark = await prisma.auditEntry.count({ where: { action: "balancer.test" } });
      return {
        path: "/api/v1/balancers/test",
        body: { runtimeApi: matrixRuntimeApi() },
        changed: async () => (await prisma.auditEntry.count({ where: { action: "balancer.test" } })) > mark,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/balancers/[id]",
    action: "balancer.update",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const b = await seedBalancer(prisma);
      return {
        path: `/api/v1/balancers/${b.id}`,
        body: { driftPolicy: "ADOPT", reason: "role matrix" },
        changed: async () => (await prisma.balancer.findUniqueOrThrow({ where: { id: b.id } })).driftPolicy === "ADOPT",
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/balancers/[id]",
    action: "balancer.delete",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const b = await seedBalancer(prisma);
      return {
        path: `/api/v1/balancers/${b.id}`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.balancer.count({ where: { id: b.id } })) === 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/balancers/[id]/import",
    action: "balancer.import",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const b = await seedBalancer(prisma);
      return {
        path: `/api/v1/balancers/${b.id}/import`,
        body: { apply: true, reason: "role matrix" },
        changed: async () => (await prisma.instance.count({ where: { balancerId: b.id } })) > 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/setup",
    action: "setup.create_admin",
    gate: "setup",
    okStatus: 201,
    async prepare(prisma) {
      const email = `${uniqueName("setup")}@example.com`;
      return {
        path: "/api/v1/setup",
        body: { email, password: "a-long-enough-password" },
        changed: async () => (await prisma.user.count({ where: { email } })) > 0,
      };
    },
  }, // Reports (issue 6)
  {
    method: "POST",
    template: "/api/v1/root-cause-categories",
    action: "root_cause_category.create",
    gate: "ADMIN",
    okStatus: 201,
    async prepare(prisma) {
      const name = uniqueName("cause")
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, "-")
        .slice(0, 40);
      return {
        path: "/api/v1/root-cause-categories",
        body: { name, label: "Matrix cause" },
        changed: async () => (await prisma.rootCauseCategory.count({ where: { name } })) > 0,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/root-cause-categories/[name]",
    action: "root_cause_category.update",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const row = await prisma.rootCauseCategory.create({ data: { name: uniqueName("rc").toLowerCase().slice(0, 40), label: "Seeded cause", position: 99 } });
      return {
        path: `/api/v1/root-cause-categories/${row.name}`,
        body: { label: "Renamed", reason: "role matrix" },
        changed: async () => (await prisma.rootCauseCategory.findUniqueOrThrow({ where: { name: row.name } })).label === "Renamed",
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/root-cause-categories/[name]",
    action: "root_cause_category.delete",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const row = await prisma.rootCauseCategory.create({ data: { name: uniqueName("rc").toLowerCase().slice(0, 40), label: "Seeded cause", position: 99 } });
      return {
        path: `/api/v1/root-cause-categories/${row.name}`,
        body: { reason: "role matrix" },
        changed: async () => (await prisma.rootCauseCategory.count({ where: { name: row.name } })) === 0,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/notifications/channels",
    action: "notification_channel.create",
    gate: "ADMIN",
    okStatus: 201,
    async prepare(prisma) {
      const name = uniqueName("ch");
      return {
        path: "/api/v1/notifications/channels",
        body: { kind: "SLACK", name, secrets: { url: "http://127.0.0.1:9/slack" } },
        changed: async () => (await prisma.notificationChannel.count({ where: { name } })) === 1,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/notifications/channels/[id]",
    action: "notification_channel.update",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const c = await seedChannel(prisma);
      return {
        path: `/api/v1/notifications/channels/${c.id}`,
        body: { ratePerMinute: 7 },
        changed: async () => (await prisma.notificationChannel.findUniqueOrThrow({ where: { id: c.id } })).ratePerMinute === 7,
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/notifications/channels/[id]",
    action: "notification_channel.delete",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const c = await seedChannel(prisma);
      return { path: `/api/v1/notifications/channels/${c.id}`, changed: async () => (await prisma.notificationChannel.count({ where: { id: c.id } })) === 0 };
    },
  },
  {
    method: "POST",
    template: "/api/v1/notifications/channels/[id]/test",
    action: "notification_channel.test",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const c = await seedChannel(prisma);
      return {
        path: `/api/v1/notifications/channels/${c.id}/test`,
        changed: async () => (await prisma.notificationDelivery.count({ where: { channelId: c.id, event: "TEST" } })) === 1,
      };
    },
  },
  {
    method: "POST",
    template: "/api/v1/notifications/routes",
    action: "notification_route.create",
    gate: "ADMIN",
    okStatus: 201,
    async prepare(prisma) {
      const c = await seedChannel(prisma);
      const name = uniqueName("rt");
      return {
        path: "/api/v1/notifications/routes",
        body: { name, channelId: c.id, events: ["FAULT_OPENED", "FAULT_RESOLVED"] },
        changed: async () => (await prisma.notificationRoute.count({ where: { name } })) === 1,
      };
    },
  },
  {
    method: "PATCH",
    template: "/api/v1/notifications/routes/[id]",
    action: "notification_route.update",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const r = await seedRoute(prisma);
      return {
        path: `/api/v1/notifications/routes/${r.id}`,
        body: { minSeverity: "SEV1" },
        changed: async () => (await prisma.notificationRoute.findUniqueOrThrow({ where: { id: r.id } })).minSeverity === "SEV1",
      };
    },
  },
  {
    method: "DELETE",
    template: "/api/v1/notifications/routes/[id]",
    action: "notification_route.delete",
    gate: "ADMIN",
    okStatus: 200,
    async prepare(prisma) {
      const r = await seedRoute(prisma);
      return { path: `/api/v1/notifications/routes/${r.id}`, changed: async () => (await prisma.notificationRoute.count({ where: { id: r.id } })) === 0 };
    },
  },
  {
    method: "POST",
    template: "/api/v1/notifications/deliveries/[id]/resend",
    action: "notification.resend",
    gate: "OPERATOR",
    okStatus: 200,
    async prepare(prisma) {
      const c = await seedChannel(prisma);
      const d = await prisma.notificationDelivery.create({ data: { idempotencyKey: uniqueName("dead"), channelId: c.id, event: "TEST", status: "DEAD" } });
      return {
        path: `/api/v1/notifications/deliveries/${d.id}/resend`,
        changed: async () => (await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: d.id } })).status !== "DEAD",
      };
    },
  },
];

/** Least role for every GET under app/api (`public`: no credentials needed), and a path to read. */
export const READ_ROUTES: Array<{ template: string; gate: Role | "public"; path(prisma: Db): Promise<string> }> = [
  { template: "/api/v1/status", gate: "public", path: async () => "/api/v1/status" },
  { template: "/api/v1/setup", gate: "public", path: async () => "/api/v1/setup" },
  { template: "/api/v1/services", gate: "VIEWER", path: async () => "/api/v1/services" },
  { template: "/api/v1/me", gate: "VIEWER", path: async () => "/api/v1/me" },
  { template: "/api/v1/faults", gate: "VIEWER", path: async () => "/api/v1/faults" },
  { template: "/api/v1/faults/export", gate: "VIEWER", path: async () => "/api/v1/faults/export?format=json" },
  { template: "/api/v1/faults/[id]", gate: "VIEWER", path: async (prisma) => `/api/v1/faults/${(await seedFault(prisma)).id}` },
  {
    template: "/api/v1/instances/[id]/checks",
    gate: "VIEWER",
    async path(prisma) {
      const instance = (await seedService(prisma)).pools[0]!.instances[0]!;
      const to = new Date();
      return `/api/v1/instances/${instance.id}/checks?from=${new Date(to.getTime() - 3_600_000).toISOString()}&to=${to.toISOString()}`;
    },
  },
  { template: "/api/v1/maintenance", gate: "VIEWER", path: async () => "/api/v1/maintenance" },
  { template: "/api/v1/config/export", gate: "VIEWER", path: async () => "/api/v1/config/export" },
  { template: "/api/v1/services/[id]", gate: "VIEWER", path: async (prisma) => `/api/v1/services/${(await seedService(prisma)).id}` },
  { template: "/api/v1/services/[id]/traffic", gate: "VIEWER", path: async (prisma) => `/api/v1/services/${(await seedService(prisma)).id}/traffic?minutes=5` },
  {
    template: "/api/v1/services/[id]/failover/preflight",
    gate: "VIEWER",
    path: async (prisma) => `/api/v1/services/${(await seedLinkedService(prisma)).service.id}/failover/preflight`,
  },
  {
    template: "/api/v1/failovers/[id]",
    gate: "VIEWER",
    path: async (prisma) => {
      const { service, active, standby } = await seedLinkedService(prisma);
      const f = await prisma.failover.create({
        data: { serviceId: service.id, fromPoolId: active.id, toPoolId: standby.id, trigger: "MANUAL", actor: "seed", reason: "seeded", state: "VERIFIED" },
      });
      return `/api/v1/failovers/${f.id}`;
    },
  },
  { template: "/api/v1/balancers", gate: "ADMIN", path: async () => "/api/v1/balancers" },
  { template: "/api/v1/users", gate: "ADMIN", path: async () => "/api/v1/users" },
  { template: "/api/v1/tokens", gate: "ADMIN", path: async () => "/api/v1/tokens" },
  { template: "/api/v1/audit", gate: "OPERATOR", path: async () => "/api/v1/audit" }, // Reports (issue 6)
  { template: "/api/v1/reports/reliability", gate: "VIEWER", path: async () => "/api/v1/reports/reliability?from=2026-01-01T00:00:00Z" },
  { template: "/api/v1/reports/timeline", gate: "VIEWER", path: async () => "/api/v1/reports/timeline?from=2026-01-01T00:00:00Z" },
  { template: "/api/v1/root-cause-categories", gate: "VIEWER", path: async () => "/api/v1/root-cause-categories" },
  { template: "/api/v1/notifications/channels", gate: "OPERATOR", path: async () => "/api/v1/notifications/channels" },
  {
    template: "/api/v1/notifications/channels/[id]",
    gate: "OPERATOR",
    path: async (prisma) => `/api/v1/notifications/channels/${(await seedChannel(prisma)).id}`,
  },
  { template: "/api/v1/notifications/routes", gate: "OPERATOR", path: async () => "/api/v1/notifications/routes" },
  { template: "/api/v1/notifications/deliveries", gate: "VIEWER", path: async () => "/api/v1/notifications/deliveries?status=DEAD" },
  { template: "/api/v1/faults/[id]/notifications", gate: "VIEWER", path: async (prisma) => `/api/v1/faults/${(await seedFault(prisma)).id}/notifications` },
];
