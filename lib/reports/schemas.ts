import { z } from "zod";
import { INT4_MAX, IsoTime, numericCursor } from "@/lib/http/fields";
import { AppError } from "@/lib/errors/app-error";
import { DAY_MS, MAX_RANGE_MS } from "./buckets";
import { TIMELINE_CATEGORIES } from "./timeline";

const Range = {
  /** Start of the range; default 30 days before `to`. */
  from: IsoTime.optional(),
  /** End of the range; default (and at most) now. */
  to: IsoTime.optional(),
  serviceId: z.uuid().optional(),
};

export const ReliabilityQuery = z.object(Range);
export type ReliabilityQuery = z.infer<typeof ReliabilityQuery>;

export const TimelineQuery = z.object({
  ...Range,
  /** Only these categories, comma-separated: `FAULT,NOTE`. */
  category: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(TIMELINE_CATEGORIES)).min(1))
    .optional(),
  /** `csv` or `markdown`: the whole window as a download instead of a JSON page. */
  format: z.enum(["json", "csv", "markdown"]).default("json"),
  cursor: numericCursor(INT4_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

/**
 * The [from, to) a query asks for, in epoch ms: `to` defaults to (and is clamped at) now — the
 * future has no data and would dilute availability — and `from` to 30 days before it.
 */
export function resolveRange(q: { from?: string; to?: string }, now = Date.now()): { from: number; to: number } {
  const to = Math.min(q.to ? Date.parse(q.to) : now, now);
  const from = q.from ? Date.parse(q.from) : to - 30 * DAY_MS;
  if (from >= to) throw new AppError("VALIDATION", "from: must be before `to` (and before now)", "from");
  if (to - from > MAX_RANGE_MS) throw new AppError("VALIDATION", "from: the range is at most 366 days", "from");
  return { from, to };
}
