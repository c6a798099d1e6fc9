import { AppError } from "@/lib/errors/app-error";
import type { z } from "zod";

/**
 * PostgreSQL cannot store U+0000 in text ("invalid byte sequence"), so a NUL anywhere in a
 * request would be a 500 deep in a query — and would break even the audit entry of the refused
 * attempt. Every string of every query and body is checked here, before any schema, and refused
 * as a 400 naming the field.
 */
export function rejectNul(value: unknown, path: string): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) throw new AppError("VALIDATION", `${path}: must not contain a NUL character`, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => rejectNul(v, `${path}.${i}`));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      rejectNul(k, path);
      rejectNul(v, path === "body" ? k : `${path}.${k}`);
    }
  }
}

/** Parse a request's query string with a zod schema (throws ZodError → 400 naming the field). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  for (const [k, v] of Object.entries(params)) rejectNul(v, k.includes("\u0000") ? "query" : k);
  return schema.parse(params);
}

/** Parse a JSON request body with a zod schema; malformed JSON is a 400 naming `body`. */
export async function parseBody<S extends z.ZodType>(schema: S, req: Request): Promise<z.infer<S>> {
  const text = await req.text();
  let data: unknown = undefined;
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError("VALIDATION", "body: not valid JSON", "body");
    }
  }
  rejectNul(data, "body");
  return schema.parse(data);
}
