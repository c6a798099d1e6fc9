import { NextResponse, type NextRequest } from "next/server";
import { API_ROUTES } from "./lib/http/api-route-table";
import { gateApiRequest } from "./lib/http/api-gate";
import { contentSecurityPolicy } from "./lib/http/csp";

/**
 * Per-request CSP nonce for pages: Next.js puts it on its own scripts when it finds the policy
 * in the request headers; our layout reads it from `x-nonce` for the theme boot script.
 */
export function proxy(request: NextRequest) {
  // API requests: wrong methods and malformed paths answered in the { error } contract (api-gate.ts).
  if (request.nextUrl.pathname.startsWith("/api/")) return gateApiRequest(API_ROUTES, request.method, request.nextUrl.pathname) ?? NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Lets the console layout send a signed-out visitor back here after sign-in.
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    "/api/:path*",
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
