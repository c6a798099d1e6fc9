import pino from "pino";

/** Structured logger: one JSON event per line; pass the entity key as a field (`{ instance }`). */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { svc: "faultline" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
