import type { ProbeSpec } from "./types";

export interface HostPort {
  /** Without brackets, also for IPv6. */
  host: string;
  port: number;
}

/** Splits `host:port` (or `[v6]:port`); null when either part is missing or the port is not 1–65535. */
export function parseAddress(address: string): HostPort | null {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: (match[1] ?? match[2])!, port };
}

/** `host:port` as it goes into a URL: IPv6 hosts in brackets. */
export function urlHost({ host, port }: HostPort): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The path with a leading slash, so `healthz` and `/healthz` mean the same. */
export function normalizePath(path: string): string {
  return path.startsWith("/") ? path : `/${path}`;
}

/** What an HTTP check targets, as results show it: `GET http://127.0.0.1:18101/healthz`. */
export function httpTarget(spec: Pick<ProbeSpec, "method" | "scheme" | "address" | "path">): string {
  return `${spec.method.toUpperCase()} ${spec.scheme ?? "http"}://${spec.address}${normalizePath(spec.path)}`;
}

/** What a TCP check targets: `tcp://127.0.0.1:18101`. */
export function tcpTarget(spec: Pick<ProbeSpec, "address">): string {
  return `tcp://${spec.address}`;
}
