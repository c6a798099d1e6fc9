import crypto from "node:crypto";

/** Correlates a request across logs and the audit log (taken from X-Request-Id when sane). */
export function requestId(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
}

/** Client address as the server saw it (Next sets X-Forwarded-For from the socket when absent). */
export function clientIp(req: Request): string | null {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
