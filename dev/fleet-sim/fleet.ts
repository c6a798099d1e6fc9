import { ChaosRequest } from "./chaos";
import { startControlServer, type ControlServer, type FleetControl } from "./control-server";
import { FleetSimError } from "./errors";
import { fleetInstances, isLoopbackIPv4, LOOPBACK_ONLY, parseFleet, type FleetFileInput, type FleetInstance } from "./fleet-file";
import { InstanceServer, type InstanceState } from "./instance-server";
import { silentLogger, type FleetLogger } from "./log";
import { parseOrThrow } from "./validation";

const DEFAULT_CONTROL_HOST = "127.0.0.1";
export const DEFAULT_CONTROL_PORT = 18999;

export interface StartFleetOptions {
  /** A fleet description; validated again here so code-built fleets get the same checks as files. */
  fleet: FleetFileInput;
  /** Control API port; 0 lets the OS pick (read it back from `controlUrl`). */
  controlPort: number;
  controlHost?: string;
  log?: FleetLogger;
}

interface RunningInstance extends FleetInstance {
  /** `host:port`, as HAProxy server lines want it. */
  address: string;
  url: string;
}

export interface RunningFleet {
  instances: RunningInstance[];
  controlUrl: string;
  /** Validates and applies chaos; throws FleetSimError VALIDATION or NOT_FOUND. */
  setChaos(name: string, chaos: ChaosRequest): Promise<InstanceState>;
  state(name: string): InstanceState;
  list(): InstanceState[];
  /** Sets every instance back to "up". */
  reset(): Promise<InstanceState[]>;
  /** Closes every listener and connection; resolves when all are closed. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts one HTTP server per instance of `fleet` plus the control API. If any port cannot be
 * bound, everything already started is closed and the FleetSimError names the instance and port.
 */
export async function startFleet(options: StartFleetOptions): Promise<RunningFleet> {
  const log = options.log ?? silentLogger;
  const fleet = parseFleet(options.fleet);
  const instances = fleetInstances(fleet);
  const controlHost = options.controlHost ?? DEFAULT_CONTROL_HOST;
  checkControlAddress(controlHost, options.controlPort, instances);

  const servers = new Map(instances.map((instance) => [instance.name, new InstanceServer(instance, { log })]));
  const all = [...servers.values()];
  const results = await Promise.allSettled(all.map((server) => server.start()));
  const failed = results.find((result) => result.status === "rejected");
  if (failed) {
    await Promise.all(all.map((server) => server.stop()));
    throw failed.reason;
  }

  const find = (name: string): InstanceServer => {
    const server = servers.get(name);
    if (!server) throw new FleetSimError("NOT_FOUND", `no instance named ${JSON.stringify(name)}`);
    return server;
  };
  const control: FleetControl = {
    list: () => all.map((server) => server.state()),
    get: (name) => find(name).state(),
    // async so an unknown name or bad chaos rejects the promise rather than throwing synchronously
    setChaos: async (name, chaos) => find(name).setChaos(parseOrThrow(ChaosRequest, chaos, "VALIDATION")),
    reset: () => Promise.all(all.map((server) => server.setChaos({ mode: "up" }))),
  };

  let controlServer: ControlServer;
  try {
    controlServer = await startControlServer({ control, host: controlHost, port: options.controlPort, log });
  } catch (err) {
    await Promise.all(all.map((server) => server.stop()));
    throw err;
  }
  log("fleet.started", { instances: all.length, control: controlServer.url });

  let stopping: Promise<void> | undefined;
  return {
    instances: instances.map((instance) => ({
      ...instance,
      address: `${instance.host}:${instance.port}`,
      url: `http://${instance.host}:${instance.port}`,
    })),
    controlUrl: controlServer.url,
    setChaos: control.setChaos,
    state: control.get,
    list: control.list,
    reset: control.reset,
    stop: () => {
      stopping ??= Promise.all([controlServer.stop(), ...all.map((server) => server.stop())]).then(() => {
        log("fleet.stopped", { instances: all.length });
      });
      return stopping;
    },
  };
}

function checkControlAddress(host: string, port: number, instances: FleetInstance[]): void {
  if (!isLoopbackIPv4(host)) throw new FleetSimError("VALIDATION", `controlHost: ${LOOPBACK_ONLY}`, { field: "controlHost" });
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FleetSimError("VALIDATION", `controlPort: must be an integer from 0 to 65535`, { field: "controlPort" });
  }
  const clash = instances.find((instance) => instance.port === port);
  if (clash) {
    throw new FleetSimError("VALIDATION", `controlPort: ${port} is also the port of instance ${clash.name}`, { field: "controlPort" });
  }
}
