import pino from "pino";

/** Structured logger: one JSON event per line; pass the entity key as a field (`{ instance }`). */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { svc: "faultline" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** One line describing an error for a log field (some driver errors have an empty message). */
export function errLine(err: unknown): string {
  const e = err as { message?: string; code?: string; name?: string; cause?: { message?: string; code?: string } };
  const line = (e?.message ?? "")
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  return line || e?.cause?.message || e?.code || e?.cause?.code || e?.name || String(err);
}
