import type { z } from "zod";

/** Parse a request's query string with a zod schema (throws ZodError → 400 naming the field). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  return schema.parse(params);
}
