import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** A transaction's client (`db.$transaction(async (tx) => …)`); a `Db` passes for one too. */
export type Tx = Prisma.TransactionClient;

/** Create a Prisma client on a PostgreSQL URL (through the pg driver adapter). */
export function createPrisma(url: string, poolMax = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolMax }) });
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
