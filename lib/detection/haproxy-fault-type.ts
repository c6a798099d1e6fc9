import type { FaultType } from "@/lib/generated/prisma/client";

/**
 * Fault type from HAProxy's check status (`show stat` check_status): its layer-4/6/7 codes map
 * onto the poller's classes so both sources file the same kind of fault.
 */
export function faultTypeFromHaproxy(checkStatus: string, detail: string): FaultType {
  const code = checkStatus.replace(/^\*/, "");
  if (code === "L4CON") return /refused/i.test(detail) || detail === "" ? "CONNECTION_REFUSED" : "UNKNOWN";
  if (code === "L4TOUT" || code === "L7TOUT" || code === "SOCKERR") return "TIMEOUT";
  if (code.startsWith("L6")) return "TLS";
  if (code === "L7STS") return "HTTP_STATUS";
  if (code === "L7RSP") return "BODY_MISMATCH";
  return "BALANCER_REPORTED";
}
