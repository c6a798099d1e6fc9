/**
 * Test helper process: the failover runner in a process of its own, so a test can `kill -9` it
 * at any point of a failover. Connects to FAULTLINE_DATABASE_URL, prints READY, then runs each
 * failover id it reads on stdin and prints `DONE <id>`.
 */
import readline from "node:readline";
import { createPrisma } from "@/lib/db/client";
import { runFailover } from "@/lib/failover/run-failover";

const db = createPrisma(process.env.FAULTLINE_DATABASE_URL!, 2);
await db.$queryRaw`SELECT 1`;
process.stdout.write("READY\n");
for await (const line of readline.createInterface({ input: process.stdin })) {
  const id = line.trim();
  if (!id) continue;
  await runFailover(db, id);
  process.stdout.write(`DONE ${id}\n`);
}
