import { describe, expect, it } from "vitest";
import { httpTarget, normalizePath, parseAddress, tcpTarget, urlHost } from "@/lib/probes/address";

describe("parseAddress", () => {
  it("splits host:port, names and bracketed IPv6", () => {
    expect(parseAddress("127.0.0.1:18101")).toEqual({ host: "127.0.0.1", port: 18101 });
    expect(parseAddress("api-2.internal:443")).toEqual({ host: "api-2.internal", port: 443 });
    expect(parseAddress("[::1]:8080")).toEqual({ host: "::1", port: 8080 });
    expect(parseAddress(" host:1 ")).toEqual({ host: "host", port: 1 });
  });

  it("refuses anything else", () => {
    for (const bad of ["host", "host:", ":80", "host:0", "host:65536", "host:80x", "::1:80", "[::1]", "a:b:80", "http://host:80"]) {
      expect(parseAddress(bad), bad).toBeNull();
    }
  });
});

describe("targets", () => {
  it("puts IPv6 hosts in brackets for URLs", () => {
    expect(urlHost({ host: "::1", port: 80 })).toBe("[::1]:80");
    expect(urlHost({ host: "10.0.0.1", port: 80 })).toBe("10.0.0.1:80");
  });

  it("names the method, scheme, address and path", () => {
    expect(httpTarget({ method: "get", address: "127.0.0.1:18101", path: "healthz" })).toBe("GET http://127.0.0.1:18101/healthz");
    expect(httpTarget({ method: "HEAD", scheme: "https", address: "a:443", path: "/x?y=1" })).toBe("HEAD https://a:443/x?y=1");
    expect(tcpTarget({ address: "127.0.0.1:5432" })).toBe("tcp://127.0.0.1:5432");
    expect(normalizePath("")).toBe("/");
  });
});
