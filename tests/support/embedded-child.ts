/**
 * Test helper process: starts an embedded PostgreSQL in argv[2], writes a row, prints READY and
 * waits to be killed — so a test can `kill -9` it and check what the next start does.
 */
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded/server";

const server = await startEmbeddedPostgres({ dataDir: process.argv[2]! });
const c = new pg.Client({ connectionString: server.url });
await c.connect();
await c.query("CREATE TABLE IF NOT EXISTS marker (v text)");
await c.query("INSERT INTO marker VALUES ($1)", [process.argv[3] ?? "before-kill"]);
await c.end();
process.stdout.write("READY\n");
setInterval(() => undefined, 1000);
