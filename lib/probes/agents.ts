import { createSecureContext, rootCertificates, type TLSSocket } from "node:tls";
import { Agent, buildConnector } from "undici";
import type { HostPort } from "./address";

export interface ProbeAgentOptions {
  /** Most connections kept to one origin; checks of one instance never overlap, so 2 is plenty. */
  connectionsPerOrigin?: number;
  /**
   * Idle time before a kept-alive connection is dropped when the server gives no `Keep-Alive`
   * hint. Below the usual 5 s server idle timeout, so a check rarely picks a connection the
   * server is closing at that moment.
   */
  keepAliveTimeoutMs?: number;
  /** Upper bound for the idle time a server's `Keep-Alive: timeout=` hint may ask for. */
  keepAliveMaxTimeoutMs?: number;
}

/** Backstop only: each check's own deadline aborts it earlier. */
const CONNECT_TIMEOUT_MS = 30_000;

interface Pool {
  agent: Agent;
  /** Peer certificate expiry per `host:port`, updated on every new TLS connection. */
  certs: Map<string, Date>;
}

/**
 * Keep-alive HTTP(S) agents for probes: one undici Agent per trusted-CA set (the system CAs, or
 * those plus one private CA). Each records the peer certificate's expiry when it opens a TLS
 * connection, so certificate checks need no connection of their own.
 */
export class ProbeAgents {
  private readonly pools = new Map<string, Pool>();
  private readonly options: Required<ProbeAgentOptions>;

  constructor(options: ProbeAgentOptions = {}) {
    this.options = {
      connectionsPerOrigin: options.connectionsPerOrigin ?? 2,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 4_000,
      keepAliveMaxTimeoutMs: options.keepAliveMaxTimeoutMs ?? 10_000,
    };
  }

  /** The agent for checks that trust `tlsCa` (PEM) besides the system CAs. */
  agentFor(tlsCa?: string | null): Agent {
    return this.pool(tlsCa).agent;
  }

  /** Expiry of the certificate `host:port` presented on the latest TLS connection made for `tlsCa`. */
  certValidTo(tlsCa: string | null | undefined, target: HostPort): Date | undefined {
    return this.pools.get(tlsCa ?? "")?.certs.get(certKey(target.host, target.port));
  }

  /** Closes every connection (waits for requests in flight); later checks open new agents. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.agent.close()));
  }

  private pool(tlsCa?: string | null): Pool {
    const key = tlsCa ?? "";
    let pool = this.pools.get(key);
    if (!pool) {
      const certs = new Map<string, Date>();
      // One context per CA set: a `ca` list given per connection would re-parse ~150 root
      // certificates on every connect (tens of ms each).
      const tlsOptions = tlsCa ? { secureContext: createSecureContext({ ca: [...rootCertificates, tlsCa] }) } : {};
      const connect = buildConnector({ timeout: CONNECT_TIMEOUT_MS, ...tlsOptions });
      const agent = new Agent({
        connections: this.options.connectionsPerOrigin,
        keepAliveTimeout: this.options.keepAliveTimeoutMs,
        keepAliveMaxTimeout: this.options.keepAliveMaxTimeoutMs,
        connect: (opts, callback) =>
          connect(opts, (err, socket) => {
            if (!err && opts.protocol === "https:") recordCert(certs, opts, socket as TLSSocket);
            // undici's callback is typed as a pair of tuples; pass the arguments on as they came.
            if (err) callback(err, null);
            else callback(null, socket!);
          }),
      });
      pool = { agent, certs };
      this.pools.set(key, pool);
    }
    return pool;
  }
}

function recordCert(certs: Map<string, Date>, opts: { hostname: string; port: string }, socket: TLSSocket): void {
  const validTo = new Date(socket.getPeerCertificate().valid_to);
  if (Number.isNaN(validTo.getTime())) return;
  certs.set(certKey(opts.hostname.replace(/^\[|\]$/g, ""), Number(opts.port || 443)), validTo);
}

function certKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}
