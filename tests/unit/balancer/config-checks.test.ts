import { describe, expect, it } from "vitest";
import { httpChecksOf } from "@/lib/balancer/haproxy/config-checks";

describe("httpChecksOf: HAProxy's own checks from haproxy.cfg", () => {
  it("reads option httpchk, http-check send/expect per backend, inherits defaults, and leaves TCP backends out", () => {
    const cfg = `
global
  stats socket /run/haproxy/admin.sock level admin
defaults
  mode http
  option httpchk GET /ping
frontend fe
  bind :80
  option httpchk GET /not-a-backend
backend shop   # the web tier
  option httpchk GET /healthz HTTP/1.1
  http-check expect status 204
  server a-1 10.0.0.1:80 check
backend api
  option httpchk
  http-check send meth HEAD uri /ready ver HTTP/1.1
  http-check expect string ok
backend inherits
  server i-1 10.0.0.2:80 check
backend tcp
  no option httpchk
  server t-1 10.0.0.3:5432 check
listen legacy
  option httpchk /status
`;
    const checks = httpChecksOf(cfg);
    expect(Object.fromEntries(checks)).toEqual({
      shop: { kind: "HTTP", method: "GET", path: "/healthz", expectedStatuses: [204] },
      api: { kind: "HTTP", method: "HEAD", path: "/ready", expectedStatuses: [200], bodyContains: "ok" },
      inherits: { kind: "HTTP", method: "GET", path: "/ping", expectedStatuses: [200] },
      legacy: { kind: "HTTP", method: "GET", path: "/status", expectedStatuses: [200] },
    });
  });

  it("a config without httpchk gives nothing (imports stay on TCP)", () => {
    expect(httpChecksOf("defaults\n  mode tcp\nbackend db\n  server p 10.0.0.1:5432 check\n").size).toBe(0);
  });
});
