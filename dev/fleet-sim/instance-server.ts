import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { answerFor, isListening, resolveChaos, upSince, type Chaos, type ChaosRequest, type Route } from "./chaos";
import type { FleetInstance } from "./fleet-file";
import { closeNow, listen, trackSockets } from "./listener";
import { silentLogger, type FleetLogger } from "./log";

/** An instance as the control API shows it. Mode options appear only for the mode they tune. */
export interface InstanceState {
  name: string;
  address: string;
  service: string;
  pool: string;
  role: FleetInstance["role"];
  mode: Chaos["mode"];
  latencyMs?: number;
  errorRate?: number;
  periodMs?: number;
  /** When the current mode was set (ISO time); flap periods count from here. */
  since: string;
  /** Whether the port accepts connections (false under "refuse"). */
  listening: boolean;
}

export interface InstanceServerOptions {
  log?: FleetLogger;
  now?: () => number;
  random?: () => number;
}

/** One simulated instance: an HTTP server on its loopback port whose answers follow its chaos. */
export class InstanceServer {
  readonly instance: FleetInstance;
  private chaos: Chaos;
  private readonly server: Server;
  private readonly sockets: Set<Socket>;
  private readonly log: FleetLogger;
  private readonly now: () => number;
  private readonly random: () => number;
  // Chaos changes may close or re-open the listener; run them one at a time so two quick
  // requests cannot interleave a close with a listen.
  private transitions: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(instance: FleetInstance, options: InstanceServerOptions = {}) {
    this.instance = instance;
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.chaos = upSince(this.now());
    this.server = createServer((req, res) => this.handle(req, res));
    this.sockets = trackSockets(this.server);
  }

  get address(): string {
    return `${this.instance.host}:${this.instance.port}`;
  }

  /** Binds the port; rejects with a FleetSimError naming the instance and port if it cannot. */
  start(): Promise<void> {
    return listen(this.server, this.instance.host, this.instance.port, `instance ${this.instance.name}`);
  }

  /**
   * Sets the chaos (already validated) and resolves with the new state once the listener matches
   * it: closed (and keep-alive sockets dropped) for "refuse", listening again otherwise.
   */
  setChaos(request: ChaosRequest): Promise<InstanceState> {
    const run = this.transitions.then(() => this.apply(resolveChaos(request, this.now())));
    this.transitions = run.catch(() => undefined);
    return run;
  }

  state(): InstanceState {
    const { mode, latencyMs, errorRate, periodMs, since } = this.chaos;
    return {
      name: this.instance.name,
      address: this.address,
      service: this.instance.service,
      pool: this.instance.pool,
      role: this.instance.role,
      mode,
      ...(mode === "slow" ? { latencyMs } : {}),
      ...(mode === "error" ? { errorRate } : {}),
      ...(mode === "flap" ? { periodMs } : {}),
      since: new Date(since).toISOString(),
      listening: this.server.listening,
    };
  }

  /** Closes the listener and every open connection; resolves when done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.transitions;
    await closeNow(this.server, this.sockets);
  }

  private async apply(chaos: Chaos): Promise<InstanceState> {
    // Change the listener first: if re-binding fails (port taken meanwhile) the old chaos stays,
    // so the state never claims "up" for a port that refuses connections.
    if (!isListening(chaos) && this.server.listening) {
      await closeNow(this.server, this.sockets);
    } else if (isListening(chaos) && !this.server.listening && !this.stopped) {
      await this.start();
    }
    const previous = this.chaos.mode;
    this.chaos = chaos;
    // A reset sets every instance "up"; only report the ones that actually change.
    if (previous !== "up" || chaos.mode !== "up") {
      const { mode, latencyMs, errorRate, periodMs } = this.state();
      this.log("chaos", { instance: this.instance.name, mode, latencyMs, errorRate, periodMs });
    }
    return this.state();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume(); // bodies are ignored; drain them so keep-alive connections stay usable
    const route: Route = pathOf(req.url) === "/healthz" ? "health" : "traffic";
    const answer = answerFor(this.chaos, route, this.now(), this.random);
    if (answer.kind === "refuse") {
      req.socket.destroy(); // a request that raced the listener closing
      return;
    }
    if (answer.delayMs === 0) {
      this.respond(res, route, answer.status, answer.degraded);
      return;
    }
    const timer = setTimeout(() => this.respond(res, route, answer.status, answer.degraded), answer.delayMs);
    res.once("close", () => clearTimeout(timer)); // client gone or socket destroyed: don't answer later
  }

  private respond(res: ServerResponse, route: Route, status: 200 | 500 | 503, degraded = false): void {
    const name = this.instance.name;
    res.setHeader("x-instance", name);
    if (route === "health") {
      const body = JSON.stringify({ status: degraded ? "degraded" : status === 200 ? "ok" : "down", instance: name });
      res.writeHead(status, { "content-type": "application/json" }).end(body);
      return;
    }
    const body = status === 200 ? name : status === 500 ? `${name}: simulated error\n` : `${name}: unavailable\n`;
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
  }
}

function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0];
  return path === undefined || path === "" ? "/" : path;
}
