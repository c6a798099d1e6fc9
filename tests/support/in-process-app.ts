import fs from "node:fs";
import path from "node:path";

/** HTTP methods a Next route module may export. */
const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export const MUTATING_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** One `route.ts` under `app/`, and the URL path template Next serves it at. */
export interface RouteFile {
  /** Absolute path of the module. */
  file: string;
  /** e.g. `/api/v1/users/[id]`, `/api/auth/[...all]`. */
  template: string;
}

const APP_DIR = path.resolve("app");

/** Route groups `(name)` don't appear in URLs; everything else maps one directory to one segment. */
function templateOf(file: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Every route handler module under `app/<under>` (a plain directory walk, like Next's). */
export function discoverRoutes(under = "api"): RouteFile[] {
  const root = path.join(APP_DIR, under);
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((rel) => /(^|[/\\])route\.(ts|js)$/.test(rel))
    .map((rel) => path.join(root, rel))
    .map((file) => ({ file, template: templateOf(file) }))
    .sort((a, b) => a.template.localeCompare(b.template));
}

/** The exported handlers of a route module, by method. */
export async function loadRoute(route: RouteFile): Promise<Partial<Record<RouteMethod, Handler>>> {
  const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
  return Object.fromEntries(ROUTE_METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as Handler]));
}

/** Params of `pathname` under `template`, or null when it doesn't match. */
function matchTemplate(template: string, pathname: string): Record<string, string | string[]> | null {
  const want = template.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < want.length; i++) {
    const seg = want[i]!;
    const rest = seg.match(/^\[\.\.\.(\w+)\]$/);
    if (rest) {
      if (got.length <= i) return null;
      params[rest[1]!] = got.slice(i);
      return params;
    }
    if (got[i] === undefined) return null;
    const dynamic = seg.match(/^\[(\w+)\]$/);
    if (dynamic) params[dynamic[1]!] = got[i]!;
    else if (seg !== got[i]) return null;
  }
  return got.length === want.length ? params : null;
}

// Next prefers static segments over dynamic ones over catch-alls; ranking by the number of
// dynamic segments (catch-all counting most) gives the same answer for this app's routes.
const rank = (template: string) => (template.match(/\[\.\.\./g)?.length ?? 0) * 100 + (template.match(/\[/g)?.length ?? 0);

/**
 * Next's App Router reduced to what route handlers need: find the route module for a request's
 * path, and call its exported method with `{ params }`. No server, no build: the handlers run in
 * the test process against whatever database `FAULTLINE_DATABASE_URL` names.
 */
export function inProcessApp(routes: RouteFile[] = discoverRoutes()) {
  const ordered = [...routes].sort((a, b) => rank(a.template) - rank(b.template));
  return async function dispatch(req: Request): Promise<Response> {
    const pathname = new URL(req.url).pathname;
    for (const route of ordered) {
      const params = matchTemplate(route.template, pathname);
      if (!params) continue;
      const handler = (await loadRoute(route))[req.method.toUpperCase() as RouteMethod];
      if (!handler) return new Response(null, { status: 405 });
      return handler(req, { params: Promise.resolve(params) });
    }
    return new Response(null, { status: 404 });
  };
}
