/**
 * Child process of `npm run bench:poller`: N loopback HTTP servers answering 200
 * `{"status":"ok"}` on any path, with keep-alive. Kept out of the poller's process so its CPU and
 * memory do not count as the poller's. Prints `{"ports":[…]}` on one line once listening; exits
 * on SIGTERM/SIGINT or when its stdin closes (the parent is gone).
 *
 * Usage: node --import tsx scripts/bench/health-servers.ts <count> [--close]
 * `--close` answers with `Connection: close`, so every check opens a new connection (as it does in
 * production when the check interval exceeds the keep-alive timeout).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const count = Number(process.argv[2] ?? "100");
const closeEach = process.argv.includes("--close");
const BODY = JSON.stringify({ status: "ok" });

async function main(): Promise<void> {
  const servers: Server[] = [];
  const stop = () => {
    for (const s of servers) s.closeAllConnections();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop).on("close", stop).resume();

  for (let i = 0; i < count; i++) {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", ...(closeEach ? { connection: "close" } : {}) }).end(BODY);
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }
  process.stdout.write(JSON.stringify({ ports: servers.map((s) => (s.address() as AddressInfo).port) }) + "\n");
}

main().catch((err: Error) => {
  console.error(`health-servers: ${err.message}`);
  process.exit(1);
});
