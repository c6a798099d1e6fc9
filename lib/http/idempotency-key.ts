import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

const IdempotencyKey = z.string().trim().min(1).max(200, "Idempotency-Key: at most 200 characters").optional();

/** The request's Idempotency-Key header, validated (400 naming the header); null when absent. */
export function idempotencyKeyOf(req: Request): string | null {
  const parsed = IdempotencyKey.safeParse(req.headers.get("idempotency-key") ?? undefined);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]!.message, "Idempotency-Key");
  return parsed.data ?? null;
}
