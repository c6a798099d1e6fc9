/**
 * Is an error "the database cannot be reached right now" (it will answer again: retry), as
 * opposed to a bug or a refusal? Decided by codes wherever the driver gives one. Seen here with
 * Prisma 7 + @prisma/adapter-pg 7.10 by stopping the database under load:
 * - model queries while it is down: PrismaClientKnownRequestError P1001, with
 *   meta.driverAdapterError.cause.kind "DatabaseNotReachable" (ECONNREFUSED underneath);
 * - raw queries: P2010 with the same driverAdapterError (kind DatabaseNotReachable, or kind
 *   "postgres" with SQLSTATE 57P01 when a fast shutdown terminated the connection);
 * - a query in flight when the postmaster was killed: pg's plain Error "Connection terminated
 *   unexpectedly", and later users of that connection "Client has encountered a connection error
 *   and is not queryable" — pg gives these no code, so they are matched by pg's fixed texts.
 */

/** Prisma's connection-level codes: can't reach, timed out, socket timeout, server closed the connection. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);

/** Kinds of @prisma/driver-adapter-utils' DriverAdapterError for a lost or refused connection. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

/** Node socket errors on the way to the server. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * SQLSTATEs of a server that is going away or not yet accepting connections: 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / recovering), and
 * class 08 (connection exception).
 */
const isUnavailableSqlState = (code: string) => code === "57P01" || code === "57P02" || code === "57P03" || /^08[0-9A-Z]{3}$/.test(code);

/** pg (8.x) errors without a code that only ever mean a dead connection. */
const PG_UNCODED = new Set(["Connection terminated unexpectedly", "Client has encountered a connection error and is not queryable", "Connection terminated"]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

/** The code (or pg text) that marks `e` itself as "unavailable", if any. */
function unavailableHere(e: ErrorLike): string | undefined {
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isUnavailableSqlState(code))) return code;
  // A DriverAdapterError's cause (or its meta copy inside a Prisma error) is { kind, code?, originalCode? }.
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return e.kind;
  if (typeof e.originalCode === "string" && isUnavailableSqlState(e.originalCode)) return e.originalCode;
  return !code && typeof e.message === "string" && PG_UNCODED.has(e.message) ? e.message : undefined;
}

/**
 * Why `err` (or something it wraps: `cause`, Prisma's `meta.driverAdapterError`) says the
 * database is unreachable or going away — the codes found, outermost first, e.g.
 * "P1001 DatabaseNotReachable" — or undefined when it is some other error.
 */
export function databaseUnavailableReason(err: unknown): string | undefined {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const x = e as ErrorLike;
    const hit = unavailableHere(x);
    if (hit && !found.includes(hit)) found.push(hit);
    queue.push(x.cause, x.meta?.driverAdapterError);
  }
  return found.length ? found.join(" ") : undefined;
}

/** True when `err` (or something it wraps) says the database is unreachable or going away. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseUnavailableReason(err) !== undefined;
}
