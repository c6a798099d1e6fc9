import path from "node:path";
import { z } from "zod";

/** Environment variables Faultline reads, validated once at startup. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  FAULTLINE_DATA_DIR: z.string().min(1).default("data"),
  FAULTLINE_ENV_NAME: z.string().min(1).max(40).default("local"),
  FAULTLINE_PG_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1024).max(65535).optional()),
  /** First run: create this admin when no user exists. */
  FAULTLINE_ADMIN_EMAIL: z.email().optional(),
  FAULTLINE_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").max(128).optional(),
  /** Registered as the admin API token "bootstrap" at startup. */
  FAULTLINE_BOOTSTRAP_TOKEN: z.string().min(32, "must be at least 32 characters").max(200).regex(/^\S+$/, "must not contain spaces").optional(),
  /** Session signing key; default: generated once and kept in the database (shared by replicas). */
  FAULTLINE_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Public URL (https://… → Secure cookies); default: whatever host the browser used. */
  FAULTLINE_PUBLIC_URL: z.url().optional(),
  FAULTLINE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** After 10 sign-in attempts from one client, further attempts get 429 for this long. */
  FAULTLINE_LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** After 20 failed sign-ins to one account (from any addresses), 429 for this long. */
  FAULTLINE_ACCOUNT_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** "on": the server process polls (default); "off": a separate `npm run worker` does. */
  FAULTLINE_POLLER: z.enum(["on", "off"]).default("on"),
  FAULTLINE_POLLER_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(256),
  FAULTLINE_RAW_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24),
  FAULTLINE_ROLLUP_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(90),
  /** How often the balancer observer reads HAProxy's `show stat` (and reconciles drift). */
  FAULTLINE_BALANCER_OBSERVE_MS: z.coerce.number().int().min(250).max(60_000).default(1_000),
  /** Every Runtime API command fails after this long (an action never hangs longer). */
  FAULTLINE_BALANCER_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /** A fleet file applied at startup and whenever it changes (GitOps); the services it lists are managed by it. */
  FAULTLINE_CONFIG_FILE: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(1000).optional()),
  /** With FAULTLINE_CONFIG_FILE: also archive/delete what the file does not list. */
  FAULTLINE_CONFIG_PRUNE: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
  /** How often the config file is looked at (a change is applied on the next look). */
  FAULTLINE_CONFIG_POLL_MS: z.coerce.number().int().min(500).max(3_600_000).default(5_000),
  /**
   * 32 bytes (64 hex characters or base64) sealing notification channel secrets (AES-256-GCM).
   * Unset: a key is generated once into <data dir>/secret.key — every replica needs the same one.
   */
  FAULTLINE_SECRET_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((v) => keyBytes(v) !== null, "must be 32 bytes: 64 hex characters or 43/44 base64 characters")
      .optional(),
  ),
  /** Serve Prometheus metrics on 127.0.0.1:<port> (/metrics); unset: none. One port per process. */
  FAULTLINE_METRICS_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1024).max(65535).optional()),
  /** Run the notification dispatcher in this process (routing, delivery, escalation). */
  FAULTLINE_NOTIFY: z.enum(["on", "off"]).default("on"),
  /** How often the dispatcher looks for new events and due deliveries. */
  FAULTLINE_NOTIFY_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(200),
  /** An instance fault waits this long before it is sent: one grouped under a service fault by then is not sent on its own. */
  FAULTLINE_NOTIFY_GROUP_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** First retry delay; doubled per attempt (full jitter) up to FAULTLINE_NOTIFY_RETRY_MAX_MS. */
  FAULTLINE_NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  FAULTLINE_NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(300_000),
  /** A delivery still failing this long after it was queued is DEAD (shown, re-sendable). */
  FAULTLINE_NOTIFY_GIVE_UP_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(30 * 86_400_000)
    .default(86_400_000),
  /** A SENDING delivery whose dispatcher died is taken over this long after its channel timeout. */
  FAULTLINE_NOTIFY_LEASE_GRACE_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Drift between desired and HAProxy's state older than this is notified (DRIFT_PERSISTS). */
  FAULTLINE_NOTIFY_DRIFT_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** The bytes of a FAULTLINE_SECRET_KEY value (hex or base64 of exactly 32 bytes), or null. */
export function keyBytes(v: string): Buffer | null {
  const b = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(v) ? Buffer.from(v, "base64") : null;
  return b && b.length === 32 ? b : null;
}

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
  const env = parsed.data;
  if (Boolean(env.FAULTLINE_ADMIN_EMAIL) !== Boolean(env.FAULTLINE_ADMIN_PASSWORD)) {
    throw new ConfigError("FAULTLINE_ADMIN_EMAIL and FAULTLINE_ADMIN_PASSWORD: set both or neither");
  }
  return { ...env, dataDir: path.resolve(env.FAULTLINE_DATA_DIR) };
}
