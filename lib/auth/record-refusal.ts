import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db/client";
import { clientIp, requestId } from "@/lib/http/request-context";
import { log } from "@/lib/log";
import { RefusalLimiter } from "./refusal-limiter";

// One limiter per process: route handlers and instrumentation load separate module copies.
const g = globalThis as { faultlineRefusals?: RefusalLimiter };
const limiter = () => (g.faultlineRefusals ??= new RefusalLimiter());

/**
 * Audit a request the authorisation gate refused (401, 403), as a FAILED `auth.refused` entry
 * naming the route — rate-limited per caller (see RefusalLimiter). Never throws: a refusal is
 * answered whether or not its entry could be written.
 */
export async function recordRefusal(req: Request, actor: string | null, message: string): Promise<void> {
  const ip = clientIp(req);
  const count = limiter().admit(actor ?? `anonymous@${ip ?? "?"}`, Date.now());
  if (count === null) return;
  const route = `${req.method} ${new URL(req.url).pathname}`;
  await writeAudit(db(), {
    actor: actor ?? "anonymous",
    action: "auth.refused",
    target: { kind: "route", id: route },
    result: "FAILED",
    error: message,
    after: count > 1 ? { refusals: count } : undefined,
    requestId: requestId(req),
    clientIp: ip,
  }).catch((err: Error) => log.warn({ err: err.message }, "refused request not audited"));
}
