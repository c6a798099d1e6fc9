import type { Server } from "node:http";
import type { Socket } from "node:net";
import { FleetSimError } from "./errors";

/**
 * Listener lifecycle shared by instance and control servers: bind with a clear error, and close
 * for real. `server.close()` alone waits for keep-alive clients to leave, which for a "refuse"
 * fault or a shutdown could be forever, so open sockets are tracked and destroyed.
 */

/** Records the server's open sockets in the returned set (entries leave when they close). */
export function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return sockets;
}

/**
 * Binds `server` to host:port. Rejects with FleetSimError PORT_IN_USE (or LISTEN_FAILED) whose
 * one-line message starts with `who`, e.g. `instance checkout-blue-1: port 18101 on 127.0.0.1 is already in use`.
 */
export function listen(server: Server, host: string, port: number, who: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") {
        reject(new FleetSimError("PORT_IN_USE", `${who}: port ${port} on ${host} is already in use`, { cause: err }));
      } else {
        reject(new FleetSimError("LISTEN_FAILED", `${who}: cannot listen on ${host}:${port} (${err.code ?? err.message})`, { cause: err }));
      }
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Stops accepting connections, destroys the open ones, and resolves once the listener is closed. */
export function closeNow(server: Server, sockets: Set<Socket>): Promise<void> {
  if (!server.listening) {
    destroyAll(sockets);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    // close() first so nothing new is accepted between destroying and closing.
    server.close(() => resolve());
    destroyAll(sockets);
  });
}

function destroyAll(sockets: Set<Socket>): void {
  for (const socket of sockets) socket.destroy();
}
