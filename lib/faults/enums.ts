/** Fault vocabularies, zod-free so browser code can list them without bundling the schemas. */
export const FAULT_TYPES = [
  "TIMEOUT",
  "CONNECTION_REFUSED",
  "DNS",
  "TLS",
  "CERT_EXPIRY",
  "HTTP_STATUS",
  "BODY_MISMATCH",
  "SLOW_RESPONSE",
  "BALANCER_REPORTED",
  "SERVICE_DOWN",
  "SERVICE_DEGRADED",
  "MANUAL",
  "UNKNOWN",
] as const;
export const FAULT_STATUSES = ["OPEN", "ACKNOWLEDGED", "RESOLVED"] as const;
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
