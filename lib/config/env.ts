import path from "node:path";
import { z } from "zod";

/** Environment variables Faultline reads, validated once at startup. */
export const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  FAULTLINE_DATA_DIR: z.string().min(1).default("data"),
  FAULTLINE_ENV_NAME: z.string().min(1).max(40).default("local"),
  FAULTLINE_PG_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1024).max(65535).optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string };

/** Thrown for a bad configuration value; the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parse and default the environment. Throws ConfigError naming the first bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join(".")}: ${issue.message}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.FAULTLINE_DATA_DIR) };
}
