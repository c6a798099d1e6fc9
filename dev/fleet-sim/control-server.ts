import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ChaosRequest } from "./chaos";
import { FleetSimError, type FleetSimErrorCode } from "./errors";
import type { InstanceState } from "./instance-server";
import { closeNow, listen, trackSockets } from "./listener";
import { silentLogger, type FleetLogger } from "./log";
import { parseOrThrow } from "./validation";

/** What the control API drives; fleet.ts implements it over the running instances. */
export interface FleetControl {
  list(): InstanceState[];
  /** Throws FleetSimError NOT_FOUND for an unknown name. */
  get(name: string): InstanceState;
  setChaos(name: string, request: ChaosRequest): Promise<InstanceState>;
  reset(): Promise<InstanceState[]>;
}

export interface ControlServer {
  url: string;
  stop(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
}

const MAX_BODY_BYTES = 64 * 1024;

// The one place where error codes become HTTP statuses.
const STATUS: Record<FleetSimErrorCode, number> = {
  VALIDATION: 400,
  INVALID_FLEET_FILE: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PORT_IN_USE: 409,
  LISTEN_FAILED: 500,
};

/**
 * Serves the chaos control API on host:port:
 * `GET /instances`, `GET /instances/:name`, `POST /instances/:name/chaos`, `POST /reset`.
 * Errors answer `{ error: { code, message, field? } }`.
 */
export async function startControlServer(options: { control: FleetControl; host: string; port: number; log?: FleetLogger }): Promise<ControlServer> {
  const log = options.log ?? silentLogger;
  const server = createServer((req, res) => {
    route(req, options.control).then(
      (reply) => send(res, reply),
      (err: unknown) => send(res, errorReply(err, log)),
    );
  });
  const sockets = trackSockets(server);
  await listen(server, options.host, options.port, "control API");
  const { port } = server.address() as AddressInfo;
  return { url: `http://${options.host}:${port}`, stop: () => closeNow(server, sockets) };
}

async function route(req: IncomingMessage, control: FleetControl): Promise<Reply> {
  const method = req.method ?? "GET";
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (path === "/instances") {
    allow(method, "GET");
    return { status: 200, body: control.list() };
  }
  if (path === "/reset") {
    allow(method, "POST");
    return { status: 200, body: await control.reset() };
  }
  const chaos = /^\/instances\/([^/]+)\/chaos$/.exec(path);
  if (chaos) {
    allow(method, "POST");
    const name = decodeName(chaos[1]);
    control.get(name); // 404 for an unknown instance even when the body is also wrong
    const request = parseOrThrow(ChaosRequest, await readJson(req), "VALIDATION");
    return { status: 200, body: await control.setChaos(name, request) };
  }
  const one = /^\/instances\/([^/]+)$/.exec(path);
  if (one) {
    allow(method, "GET");
    return { status: 200, body: control.get(decodeName(one[1])) };
  }
  throw new FleetSimError("NOT_FOUND", `no route ${method} ${path}`);
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new FleetSimError("METHOD_NOT_ALLOWED", `use ${expected} here, not ${method}`);
}

function decodeName(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? "");
  } catch {
    throw new FleetSimError("NOT_FOUND", `no instance named ${JSON.stringify(raw)}`);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FleetSimError("VALIDATION", `body must be at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FleetSimError("VALIDATION", 'body must be JSON, e.g. {"mode":"down"}');
  }
}

function errorReply(err: unknown, log: FleetLogger): Reply {
  if (err instanceof FleetSimError) {
    const error = { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
    return { status: STATUS[err.code], body: { error } };
  }
  log("control.error", { message: err instanceof Error ? err.message : String(err) });
  return { status: 500, body: { error: { code: "INTERNAL", message: "internal error" } } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { "content-type": "application/json" }).end(`${JSON.stringify(reply.body)}\n`);
}
