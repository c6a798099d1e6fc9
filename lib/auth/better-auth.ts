import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { loadEnv, type Env } from "@/lib/config/env";
import { db, type Db } from "@/lib/db/client";
import { noteDatabaseUnavailable } from "@/lib/db/outage";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { errLine, log } from "@/lib/log";
import { authSecret } from "./secret";

/** Sign-in attempts allowed per client IP within the lock window (then 429 until it passes). */
export const LOGIN_MAX_ATTEMPTS = 10;

function baseURL(env: Env) {
  // A fixed public URL when the operator gives one (https → Secure cookies); otherwise the
  // request's own host, so the console works on 127.0.0.1, localhost or a LAN name alike.
  // Without a public URL we assume plain http (loopback or a trusted network); put Faultline
  // behind TLS with FAULTLINE_PUBLIC_URL=https://… to get Secure cookies.
  return env.FAULTLINE_PUBLIC_URL ?? { allowedHosts: ["*"], protocol: "http" as const };
}

function build(prisma: Db, secret: string, env: Env) {
  return betterAuth({
    appName: "Faultline",
    secret,
    baseURL: baseURL(env),
    basePath: "/api/auth",
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by admins (or the first-run setup), never by self sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "VIEWER" },
        disabledAt: { type: "date", required: false, input: false },
        mustChangePassword: { type: "boolean", required: false, input: false, defaultValue: false },
      },
    },
    session: {
      expiresIn: Math.round(env.FAULTLINE_SESSION_HOURS * 3600),
      updateAge: 3600,
      // No cookie cache: a disabled user or a changed role takes effect on the next request.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 600,
      customRules: { "/sign-in/email": { window: env.FAULTLINE_LOGIN_LOCK_SECONDS, max: LOGIN_MAX_ATTEMPTS } },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      useSecureCookies: env.FAULTLINE_PUBLIC_URL?.startsWith("https://") ?? false,
    },
    // Its own logger prints a multi-line stack trace per failed request, also for every request
    // while the database is down: route it through pino instead, a lost database as the outage
    // (one line per outage, lib/db/outage) — the request itself answers 503 at our boundary.
    logger: {
      level: "warn",
      log(level, message, ...args) {
        const lost = args.find(isDatabaseUnavailable);
        if (lost) return noteDatabaseUnavailable(lost);
        const err = args.find((a): a is Error => a instanceof Error);
        log[level]({ component: "better-auth", err: err && errLine(err), stack: level === "error" ? err?.stack : undefined }, message);
      },
    },
    databaseHooks: {
      session: {
        create: {
          // Defence in depth: a disabled account never gets a session.
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
            return !user?.disabledAt;
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof build>;

const g = globalThis as typeof globalThis & { __faultlineAuth?: Promise<Auth> };

/** The process-wide better-auth instance (created on first use: it needs the database). */
export function getAuth(): Promise<Auth> {
  g.__faultlineAuth ??= authSecret(db()).then((secret) => build(db(), secret, loadEnv()));
  g.__faultlineAuth.catch(() => (g.__faultlineAuth = undefined));
  return g.__faultlineAuth;
}
