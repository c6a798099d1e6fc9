import crypto from "node:crypto";
import { newTokenSecret } from "@/lib/auth/tokens";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { insertUser } from "@/lib/users/insert-user";
import { freshDatabase, type TestDatabase } from "../../support/databases";
import { inProcessApp } from "../../support/in-process-app";

/** Where the app "runs": requests carry this host, and same-origin requests this Origin. */
export const ORIGIN = "http://127.0.0.1:3000";
export const EVIL_ORIGIN = "https://evil.example";
const SESSION_COOKIE = "better-auth.session_token";
/** Short, so the lock-expiry test waits seconds, not minutes. */
export const LOCK_SECONDS = 3;

export interface SeedUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export interface SeedToken {
  id: string;
  name: string;
  secret: string;
  role: Role;
  /** How the audit log names it. */
  actor: string;
}

export interface AuthWorld {
  db: TestDatabase;
  prisma: Db;
  /** One enabled user per role (empty when started with `seed: false`). */
  users: Record<Role, SeedUser>;
  /** One API token per role. */
  tokens: Record<Role, SeedToken>;
  close(): Promise<void>;
}

const unique = () => crypto.randomBytes(4).toString("hex");

/** A unique lowercase name for users, tokens and emails created by a test. */
export const uniqueName = (prefix: string) => `${prefix}-${unique()}`;

let lastIp = 0;
/** A client address no other request of this process used: each sign-in test gets its own rate-limit bucket. */
export function freshIp(): string {
  lastIp++;
  return `10.${(lastIp >> 16) & 255}.${(lastIp >> 8) & 255}.${lastIp & 255}`;
}

/** Forget the process-wide Prisma client and better-auth instance (they are bound to one database URL). */
async function resetSingletons() {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  delete (globalThis as { __faultlineAuth?: unknown }).__faultlineAuth;
}

/** Create a user with a known password, the way admins' accounts are stored. */
export async function seedUser(prisma: Db, role: Role, email = `${uniqueName(role.toLowerCase())}@example.com`): Promise<SeedUser> {
  const password = `pw-${crypto.randomBytes(12).toString("base64url")}`;
  const user = await prisma.$transaction((tx) => insertUser(tx, { email, name: `${role} user`, role, password }));
  return { id: user.id, email, password, role };
}

/** Create an API token row directly (what POST /api/v1/tokens stores). */
export async function seedToken(prisma: Db, role: Role, opts: { name?: string; expiresAt?: Date } = {}): Promise<SeedToken> {
  const name = opts.name ?? uniqueName(`seed-${role.toLowerCase()}`);
  const { secret, hash, prefix } = newTokenSecret();
  const row = await prisma.apiToken.create({ data: { name, role, prefix, secretHash: hash, createdBy: "test-seed", expiresAt: opts.expiresAt ?? null } });
  return { id: row.id, name, secret, role, actor: `token:${name}` };
}

/**
 * A fresh migrated database on the run's PostgreSQL 18, the app pointed at it (env set before
 * the first `db()` / `getAuth()` call), and — unless `seed: false` — one user and one token per role.
 */
export async function startAuthWorld(adminUrl: string, label: string, opts: { seed?: boolean } = {}): Promise<AuthWorld> {
  await resetSingletons();
  const t = await freshDatabase(adminUrl, label);
  process.env.FAULTLINE_DATABASE_URL = t.url;
  process.env.FAULTLINE_LOGIN_LOCK_SECONDS = String(LOCK_SECONDS);
  for (const key of [
    "DATABASE_URL",
    "FAULTLINE_PUBLIC_URL",
    "FAULTLINE_AUTH_SECRET",
    "FAULTLINE_BOOTSTRAP_TOKEN",
    "FAULTLINE_ADMIN_EMAIL",
    "FAULTLINE_ADMIN_PASSWORD",
  ]) {
    delete process.env[key];
  }
  const users = {} as Record<Role, SeedUser>;
  const tokens = {} as Record<Role, SeedToken>;
  if (opts.seed !== false) {
    for (const role of ROLES) {
      users[role] = await seedUser(t.prisma, role);
      tokens[role] = await seedToken(t.prisma, role);
    }
  }
  return {
    db: t,
    prisma: t.prisma,
    users,
    tokens,
    async close() {
      await resetSingletons();
      await t.drop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export interface CallOptions {
  method?: string;
  /** JSON-encoded unless a string (then sent as is). */
  body?: unknown;
  bearer?: string;
  /** A `name=value` cookie pair (see `signIn`). */
  cookie?: string;
  /** Origin header; none unless given. */
  origin?: string;
  /** X-Forwarded-For: the client address the app sees. */
  ip?: string;
  headers?: Record<string, string>;
}

/** Build the Request a browser or script would send to the app at ORIGIN. */
function request(path: string, o: CallOptions = {}): Request {
  // A constructed Request has no Host header (fetch adds it on the wire); Next's has one.
  const headers = new Headers({ host: new URL(ORIGIN).host, ...o.headers });
  if (o.bearer) headers.set("authorization", `Bearer ${o.bearer}`);
  if (o.cookie) headers.set("cookie", o.cookie);
  if (o.origin) headers.set("origin", o.origin);
  if (o.ip) headers.set("x-forwarded-for", o.ip);
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(ORIGIN + path, { method: o.method ?? "GET", headers, body });
}

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON came back
  body: any;
}

const dispatch = inProcessApp();

/** Send a request through the app's route handlers, in this process. */
export async function call(path: string, o: CallOptions = {}): Promise<Reply> {
  const res = await dispatch(request(path, o));
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

export interface SignIn extends Reply {
  /** `better-auth.session_token=…`, ready for a Cookie header; undefined when none was set. */
  cookie?: string;
  /** The raw Set-Cookie header of the session cookie. */
  setCookie?: string;
}

/** POST /api/auth/sign-in/email from our own page (same Origin) and client `ip`. */
export async function signIn(email: string, password: string, ip: string, origin = ORIGIN): Promise<SignIn> {
  const reply = await call("/api/auth/sign-in/email", { method: "POST", body: { email, password }, origin, ip });
  const setCookie = reply.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const pair = setCookie?.split(";")[0];
  return { ...reply, setCookie, cookie: pair && pair !== `${SESSION_COOKIE}=` ? pair : undefined };
}

/** Sign in and return the cookie, failing loudly if that did not work. */
export async function sessionCookie(user: SeedUser, ip = freshIp()): Promise<string> {
  const res = await signIn(user.email, user.password, ip);
  if (res.status !== 200 || !res.cookie) throw new Error(`sign-in of ${user.email} failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.cookie;
}

// ---------------------------------------------------------------------------------------------
// Audit log
// ---------------------------------------------------------------------------------------------

/** The newest audit entry id now (entries are append-only with increasing ids). */
export async function auditMark(prisma: Db): Promise<bigint> {
  const last = await prisma.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0n;
}

/** Entries written after `mark`, oldest first. */
export function auditSince(prisma: Db, mark: bigint) {
  return prisma.auditEntry.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
}
