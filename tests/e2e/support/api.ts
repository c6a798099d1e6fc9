/**
 * Seeding and signing in over the API, so specs create their own data with unique names and
 * never log in through the UI (except the one spec that tests the sign-in page itself).
 */
import crypto from "node:crypto";
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { BASE_URL, E2E_BOOTSTRAP_TOKEN } from "./e2e-env";

type Playwright = PlaywrightWorkerArgs["playwright"];
export type StorageState = Awaited<ReturnType<APIRequestContext["storageState"]>>;
export type Role = "VIEWER" | "OPERATOR" | "ADMIN";

/** No cookies: overrides the project's admin session for signed-out pages and requests. */
export const SIGNED_OUT: StorageState = { cookies: [], origins: [] };

/** A short suffix that makes names unique across runs and tests (lowercase: fits token names). */
export const unique = () => `${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}`;

/**
 * A request context with exactly the given credentials (storage state as an object or a file). Every option is explicit: inside a test,
 * Playwright would otherwise fill in the project's (the admin's cookies, extra headers).
 */
export function apiContext(playwright: Playwright, opts: { bearer?: string; storageState?: StorageState | string } = {}): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL: BASE_URL,
    storageState: opts.storageState ?? SIGNED_OUT,
    extraHTTPHeaders: opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {},
  });
}

/** Admin API access through the bootstrap token (no session, no sign-in attempt spent). */
export const adminApi = (playwright: Playwright) => apiContext(playwright, { bearer: E2E_BOOTSTRAP_TOKEN });

export interface SeededUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** Create a user with a known password through POST /api/v1/users (not asked to change it, unless told). */
export async function createUser(
  api: APIRequestContext,
  role: Role,
  label = role.toLowerCase(),
  opts: { mustChangePassword?: boolean } = {},
): Promise<SeededUser> {
  const id = unique();
  const user = { email: `${label}-${id}@e2e.faultline.test`, name: `E2E ${label} ${id}`, role, password: `pw-${id}-${crypto.randomBytes(6).toString("hex")}` };
  const res = await api.post("/api/v1/users", { data: { ...user, mustChangePassword: opts.mustChangePassword ?? false, reason: "e2e seed" } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { user: { id: string } };
  return { ...user, id: body.user.id };
}

/**
 * Sign in over better-auth's endpoint and return the session as storage state. Each call spends
 * one of the 10 sign-in attempts per client IP and lock window that the whole run shares.
 */
export async function signInOverApi(playwright: Playwright, credentials: { email: string; password: string }): Promise<StorageState> {
  const api = await apiContext(playwright);
  try {
    // better-auth's handler refuses a POST whose Origin is not this site (login CSRF).
    const res = await api.post("/api/auth/sign-in/email", { data: credentials, headers: { origin: BASE_URL } });
    expect(res.status(), `sign-in of ${credentials.email}: ${await res.text()}`).toBe(200);
    const state = await api.storageState();
    expect(state.cookies.length, "the sign-in answer set a session cookie").toBeGreaterThan(0);
    return state;
  } finally {
    await api.dispose();
  }
}
