import { DEFAULT_COMMAND_TIMEOUT_MS, RuntimeClient } from "./haproxy/runtime-client";

let timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS;

/** Set once at startup from FAULTLINE_BALANCER_TIMEOUT_MS. */
export function setBalancerTimeout(ms: number): void {
  timeoutMs = ms;
}

/** A Runtime API client for a stored balancer (cheap: connections are per command). */
export function clientFor(balancer: { runtimeApi: string }): RuntimeClient {
  return new RuntimeClient(balancer.runtimeApi, timeoutMs);
}
