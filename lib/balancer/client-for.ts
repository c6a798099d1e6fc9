import { DEFAULT_COMMAND_TIMEOUT_MS, RuntimeClient } from "./haproxy/runtime-client";

/**
 * A Runtime API client for a stored balancer (cheap: connections are per command). The timeout
 * comes from FAULTLINE_BALANCER_TIMEOUT_MS, validated at boot by loadEnv(); read here from the
 * environment because Next loads route handlers and instrumentation as separate module copies.
 */
export function clientFor(balancer: { runtimeApi: string }): RuntimeClient {
  const ms = Number(process.env.FAULTLINE_BALANCER_TIMEOUT_MS);
  return new RuntimeClient(balancer.runtimeApi, Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_COMMAND_TIMEOUT_MS);
}
