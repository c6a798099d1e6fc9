/**
 * Test helper process: the notification dispatcher in a process of its own, so a test can
 * `kill -9` it mid-delivery. Connects to FAULTLINE_DATABASE_URL, starts the notifier with short
 * times, prints READY.
 */
import { createPrisma } from "@/lib/db/client";
import { startNotifier } from "@/lib/notifications/notifier";

const db = createPrisma(process.env.FAULTLINE_DATABASE_URL!, 4);
await db.$queryRaw`SELECT 1`;
startNotifier(db, {
  consoleUrl: "http://127.0.0.1:3000",
  pollMs: 50,
  groupWaitMs: 0,
  retryBaseMs: 50,
  retryMaxMs: 400,
  giveUpMs: 60_000,
  leaseGraceMs: 300,
  driftAfterMs: 3_600_000,
});
process.stdout.write("READY\n");
