import { z } from "zod";
import { audited } from "@/lib/audit/audited";
import { auditContext } from "@/app/api/_shared/audit-context";
import { requireRole } from "@/lib/auth/require-role";
import { db } from "@/lib/db/client";
import { RuntimeAddressField } from "@/lib/balancer/haproxy/runtime-address";
import { probeBalancer } from "@/lib/balancer/probe-balancer";
import { parseBody } from "@/lib/http/parse";
import { ok, route } from "@/lib/http/respond";

const Body = z.strictObject({ runtimeApi: RuntimeAddressField });

/**
 * Test a Runtime API address (nothing is stored): HAProxy's version and backends, or 502/504
 * with the cause. Audited: it makes the server connect wherever an admin points it.
 */
export const POST = route(async (req) => {
  const actor = await requireRole(req, "ADMIN");
  const { runtimeApi } = await parseBody(Body, req);
  const probe = await audited(db(), auditContext(req, actor), { action: "balancer.test", target: { kind: "runtime", id: runtimeApi } }, async () => {
    const value = await probeBalancer(runtimeApi);
    return { value, after: { version: value.version, backends: value.backends.length } };
  });
  return ok(probe);
});
