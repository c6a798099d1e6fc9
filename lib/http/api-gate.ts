import { NextResponse } from "next/server";
import { ERROR_STATUS } from "@/lib/errors/app-error";

/** One `route.ts` under `app/api`: its URL template (`/api/v1/users/[id]`) and the methods it exports. */
export interface ApiRoute {
  template: string;
  methods: readonly string[];
}

// Next's precedence between templates that match the same path: a static segment beats a
// dynamic one, which beats a catch-all.
const SEGMENT_RANK = { static: 3, dynamic: 2, rest: 1 } as const;

function segmentKind(seg: string): keyof typeof SEGMENT_RANK {
  if (/^\[\.\.\.\w+\]$/.test(seg)) return "rest";
  if (/^\[\w+\]$/.test(seg)) return "dynamic";
  return "static";
}

/** The ranks of the template's segments when it matches `segments`, or null. */
function matchRanks(template: string, segments: string[]): number[] | null {
  const want = template.split("/").filter(Boolean);
  const ranks: number[] = [];
  for (let i = 0; i < want.length; i++) {
    const kind = segmentKind(want[i]!);
    if (kind === "rest") return segments.length > i ? [...ranks, SEGMENT_RANK.rest] : null;
    if (segments[i] === undefined) return null;
    if (kind === "static" && segments[i] !== want[i]) return null;
    ranks.push(SEGMENT_RANK[kind]);
  }
  return segments.length === want.length ? ranks : null;
}

function beats(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return a.length > b.length;
}

/** The route Next would serve `pathname` with (raw, still percent-encoded segments), or null. */
export function matchApiRoute(table: readonly ApiRoute[], pathname: string): ApiRoute | null {
  const segments = pathname.split("/").filter(Boolean);
  let best: { route: ApiRoute; ranks: number[] } | null = null;
  for (const route of table) {
    const ranks = matchRanks(route.template, segments);
    if (ranks && (!best || beats(ranks, best.ranks))) best = { route, ranks };
  }
  return best?.route ?? null;
}

/** Methods a route answers: what it exports, plus the HEAD and OPTIONS Next derives. */
export function allowedMethods(route: ApiRoute): string[] {
  const out = new Set(route.methods);
  if (out.has("GET")) out.add("HEAD");
  out.add("OPTIONS");
  return [...out];
}

function refuse(code: "VALIDATION" | "METHOD_NOT_ALLOWED", message: string, headers: Record<string, string> = {}, field?: string): NextResponse {
  return NextResponse.json(
    { error: field ? { code, message, field } : { code, message } },
    { status: ERROR_STATUS[code], headers: { "cache-control": "no-store", ...headers } },
  );
}

/**
 * What Next itself would answer outside our `{ error }` contract, answered in it before routing:
 * a path segment that is not valid percent-encoding (Next: plain-text 500) is a 400, and a method
 * the matched route does not export (Next: empty 405) is a 405 with an Allow header. Null lets
 * the request through to its route.
 */
export function gateApiRequest(table: readonly ApiRoute[], method: string, pathname: string): NextResponse | null {
  for (const seg of pathname.split("/")) {
    try {
      decodeURIComponent(seg);
    } catch {
      return refuse("VALIDATION", `path: malformed percent-encoding in "${seg.slice(0, 80)}"`, {}, "path");
    }
  }
  const route = matchApiRoute(table, pathname);
  if (!route) return null;
  const allowed = allowedMethods(route);
  if (allowed.includes(method.toUpperCase())) return null;
  return refuse("METHOD_NOT_ALLOWED", `${method.toUpperCase()} is not allowed on ${route.template}; allowed: ${allowed.join(", ")}`, {
    allow: allowed.join(", "),
  });
}
