import { AppError } from "@/lib/errors/app-error";
import type { z } from "zod";

/** Parse a request's query string with a zod schema (throws ZodError → 400 naming the field). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
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
  return schema.parse(data);
}
