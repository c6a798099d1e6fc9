import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, type ErrorCode, ERROR_STATUS } from "@/lib/errors/app-error";
import { noteDatabaseUnavailable } from "@/lib/db/outage";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { log } from "@/lib/log";
import { rejectNul } from "./parse";

/** 2xx JSON response. */
export function ok<T>(body: T, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * A 200 file download: the browser saves `body` as `filename` instead of showing it. The name is
 * ours (ASCII, no quotes), so it goes into the header as is.
 */
export function attachment(body: string, o: { filename: string; contentType: string; headers?: Record<string, string> }): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": o.contentType,
      "content-disposition": `attachment; filename="${o.filename}"`,
      "cache-control": "no-store",
      ...o.headers,
    },
  });
}

function errorBody(code: ErrorCode, message: string, field?: string, retryAfterSeconds?: number): NextResponse {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return NextResponse.json({ error: field ? { code, message, field } : { code, message } }, { status: ERROR_STATUS[code], headers });
}

/** Seconds a client should wait before retrying while the database is unavailable. */
const DATABASE_RETRY_AFTER_SEC = 5;
const DATABASE_UNAVAILABLE_MESSAGE = "database unavailable, retrying";

// Prisma known-request codes worth a specific answer; everything else is a 500.
const PRISMA_CODES: Record<string, ErrorCode> = { P2002: "CONFLICT", P2025: "NOT_FOUND", P2003: "CONFLICT" };

/**
 * The one place errors become HTTP responses: AppError by its code, zod issues as 400 naming the
 * field, Prisma errors by their P-code, a lost database as 503 with Retry-After (logged once per
 * outage, lib/db/outage); anything else is logged and answered 500 without details.
 */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) return errorBody(err.code, err.message, err.field, err.retryAfterSeconds);
  if (isDatabaseUnavailable(err)) {
    noteDatabaseUnavailable(err);
    return errorBody("DATABASE_UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, undefined, DATABASE_RETRY_AFTER_SEC);
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0]!;
    // An unknown key of a strict object is reported on the object: name the key itself.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const field = [...issue.path, ...keys.slice(0, 1)].join(".") || undefined;
    return errorBody("VALIDATION", field ? `${field}: ${issue.message}` : issue.message, field);
  }
  // An id that is not a UUID cannot name a record: PostgreSQL rejects it before looking (22P02).
  if (/invalid input syntax for type uuid/i.test((err as Error)?.message ?? "")) return errorBody("NOT_FOUND", "not found: the id is not a valid id");
  const prismaCode = (err as { code?: unknown })?.code;
  if (typeof prismaCode === "string" && prismaCode in PRISMA_CODES) {
    const code = PRISMA_CODES[prismaCode]!;
    return errorBody(code, code === "CONFLICT" ? "conflicts with an existing record" : "record not found");
  }
  log.error({ err: (err as Error)?.message, stack: (err as Error)?.stack }, "unhandled error in route handler");
  return errorBody("INTERNAL", "internal error");
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/**
 * Wrap a route handler so every thrown error goes through errorResponse. Route parameters (ids,
 * names) are checked for NUL like every query and body string (see parse.ts) before the handler.
 */
export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      const params = (ctx as { params?: Promise<Record<string, unknown>> } | undefined)?.params;
      if (params) for (const [name, value] of Object.entries(await params)) rejectNul(value, name);
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
