const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated mutations must come from our own pages: the browser's Origin (or, when a
 * browser omits it, Sec-Fetch-Site) must name this host. A cross-site form POST carries the
 * attacker's Origin and is refused even if a cookie rode along. Bearer requests are not
 * cookie-based and need no check.
 */
export function isSameOriginMutation(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}
