import path from "node:path";
import { requireHaproxy, startHaproxy, type HaproxyProcess } from "@/dev/demo/haproxy-process";
import { freePort } from "@/lib/net/free-port";

/** A real HAProxy whose servers point at closed ports (checks fail fast): answers, routes nothing. */
export async function startMatrixHaproxy(dir: string): Promise<HaproxyProcess & { runtimeApi: string }> {
  const socket = path.join(dir, "admin.sock");
  const closed = await Promise.all([freePort(), freePort(), freePort()]);
  const config = [
    "global",
    `  stats socket ${socket} mode 600 level admin`,
    "defaults",
    "  mode http",
    "  timeout connect 1s",
    "  timeout client 5s",
    "  timeout server 5s",
    "backend matrix",
    "  option allbackups",
    "  default-server check inter 200ms fall 1 rise 1 weight 100",
    `  server m1 127.0.0.1:${closed[0]}`,
    `  server m2 127.0.0.1:${closed[1]}`,
    `  server b1 127.0.0.1:${closed[2]} backup`,
    "",
  ].join("\n");
  const proc = await startHaproxy(requireHaproxy(), dir, config, socket);
  return { ...proc, runtimeApi: `unix:${socket}` };
}
