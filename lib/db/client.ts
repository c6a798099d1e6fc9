import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { noteDatabaseReachable } from "./outage";

export type Db = PrismaClient;
/** A transaction's client (`db.$transaction(async (tx) => …)`); a `Db` passes for one too. */
export type Tx = Prisma.TransactionClient;

/**
 * Create a Prisma client on a PostgreSQL URL (through the pg driver adapter), on a pool we own:
 * - every client keeps an `error` listener for its whole life. pg emits `error` on a client whose
 *   server went away (57P01 on a fast shutdown, "terminated unexpectedly" after kill -9); the
 *   adapter only listens on idle clients and inside transactions, and an unheard `error` event
 *   kills the process. The query using that client fails on its own and reaches the error
 *   boundary, so the listener has nothing else to do.
 * - a new connection proves the database answers again, which ends an outage (lib/db/outage).
 */
export function createPrisma(url: string, poolMax = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
    noteDatabaseReachable();
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

// Next loads instrumentation and route handlers as separate module copies: the process-wide
// client lives on globalThis, created on first use from the URL the boot step published.
const g = globalThis as typeof globalThis & { __faultlinePrisma?: PrismaClient };

/** The process-wide Prisma client. */
export function db(): PrismaClient {
  if (!g.__faultlinePrisma) {
    const url = process.env.FAULTLINE_DATABASE_URL ?? process.env.DATABASE_URL;
    if (!url) throw new Error("database not started: FAULTLINE_DATABASE_URL is unset (boot did not run)");
    g.__faultlinePrisma = createPrisma(url);
  }
  return g.__faultlinePrisma;
}

/** Close the process-wide client (shutdown). */
export async function closeDb(): Promise<void> {
  const client = g.__faultlinePrisma;
  g.__faultlinePrisma = undefined;
  await client?.$disconnect();
}
