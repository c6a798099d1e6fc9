import type { ProbeResult } from "@/lib/detection/types";
import { probeHttp, type HttpProbeDeps } from "./http";
import { probeTcp } from "./tcp";
import type { ProbeSpec } from "./types";

/** Runs the check `spec.kind` names. Never throws: failures come back as FAIL results. */
export function probe(spec: ProbeSpec, at: Date, deps: HttpProbeDeps = {}): Promise<ProbeResult> {
  return spec.kind === "TCP" ? probeTcp(spec, at) : probeHttp(spec, at, deps);
}
