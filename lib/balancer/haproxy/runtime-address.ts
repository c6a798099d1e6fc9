import { z } from "zod";

/** Where a HAProxy Runtime API listens: a unix socket or a TCP address. */
export type RuntimeAddress = { kind: "unix"; path: string } | { kind: "tcp"; host: string; port: number };

const UNIX = /^unix:(\/.+)$/;
const TCP = /^(?:ipv4@)?([A-Za-z0-9.-]+):(\d{1,5})$/;

/**
 * Parse `unix:/abs/path.sock`, `127.0.0.1:9999` or HAProxy's own `ipv4@127.0.0.1:9999`.
 * Returns the reason on failure, for a 400 that names what is wrong.
 */
export function parseRuntimeAddress(text: string): RuntimeAddress | { error: string } {
  const s = text.trim();
  const unix = UNIX.exec(s);
  if (unix) return { kind: "unix", path: unix[1]! };
  const tcp = TCP.exec(s);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65535) return { error: `port ${port} is outside 1–65535` };
    return { kind: "tcp", host: tcp[1]!, port };
  }
  if (s.startsWith("unix:")) return { error: "a unix socket path must be absolute (unix:/run/haproxy/admin.sock)" };
  return { error: "expected unix:/abs/path.sock or host:port (e.g. 127.0.0.1:9999)" };
}

export const formatRuntimeAddress = (a: RuntimeAddress) => (a.kind === "unix" ? `unix:${a.path}` : `${a.host}:${a.port}`);

/** zod field for request bodies: the stored text form, validated. */
export const RuntimeAddressField = z
  .string()
  .trim()
  .min(1, "is required")
  .superRefine((v, ctx) => {
    const parsed = parseRuntimeAddress(v);
    if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
  });
