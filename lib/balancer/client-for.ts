import { DEFAULT_COMMAND_TIMEOUT_MS, RuntimeClient } from "./haproxy/runtime-client";

/**
 * The Runtime API command timeout: FAULTLINE_BALANCER_TIMEOUT_MS, validated at boot by loadEnv();
 * read from the environment because Next loads route handlers and instrumentation as separate
 * module copies.
 */
export function commandTimeoutMs(): number {
  const ms = Number(process.env.FAULTLINE_BALANCER_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_COMMAND_TIMEOUT_MS;
}

/**
 * Budget of a transaction that changes one instance on HAProxy: up to four Runtime API round
 * trips one after another (two sets, the read-back, the server-state file), the balancer lock
 * wait (bounded by the same timeout) and the database work. Derived from the command timeout so a
 * slow-but-answering HAProxy never outlives the transaction (which would leave changes unrecorded).
 */
export const balancerTxTimeoutMs = () => 6 * commandTimeoutMs() + 5_000;

/** A Runtime API client for a stored balancer (cheap: connections are per command). */
export function clientFor(balancer: { runtimeApi: string }): RuntimeClient {
  return new RuntimeClient(balancer.runtimeApi, commandTimeoutMs());
}
