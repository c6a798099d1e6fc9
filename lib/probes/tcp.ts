import { connect } from "node:net";
import { classifyProbeError } from "@/lib/detection/classify";
import type { ProbeResult } from "@/lib/detection/types";
import { parseAddress, tcpTarget } from "./address";
import type { ProbeSpec } from "./types";
import { failure, failureLatency, tcpVerdict, timeoutDetail } from "./verdict";

/**
 * Runs one TCP check: connects within `spec.timeoutMs` (DNS included), then closes. Never
 * throws; a connect slower than `degradedLatencyMs` is DEGRADED SLOW_RESPONSE.
 */
export function probeTcp(spec: ProbeSpec, at: Date): Promise<ProbeResult> {
  const target = tcpTarget(spec);
  const address = parseAddress(spec.address);
  if (!address) {
    return Promise.resolve(failure(at, target, "UNKNOWN", `invalid address ${JSON.stringify(spec.address)}, expected host:port`));
  }
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host: address.host, port: address.port });
    const finish = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(failure(at, target, "TIMEOUT", timeoutDetail(spec.timeoutMs), performance.now() - started)), spec.timeoutMs);
    socket.once("connect", () => finish(tcpVerdict(spec, at, target, performance.now() - started)));
    socket.once("error", (err) => {
      const { errorClass, detail } = classifyProbeError(err);
      finish(failure(at, target, errorClass, detail, failureLatency(errorClass, performance.now() - started)));
    });
  });
}
