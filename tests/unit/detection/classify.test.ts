import net from "node:net";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyProbeError } from "@/lib/detection/classify";

/** A Node-style error: the reason is in `code`, the message is deliberately misleading. */
const coded = (code: string, message = "irrelevant text mentioning ECONNREFUSED and timeout") => Object.assign(new Error(message), { code });

/** What undici's fetch throws: a TypeError wrapping the real error as `cause`. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

const named = (name: string) => Object.assign(new Error("aborted"), { name });

describe("classifyProbeError by code, on the error or its cause", () => {
  const cases: Array<[string, unknown, string, string]> = [
    ["ECONNREFUSED", coded("ECONNREFUSED"), "CONNECTION_REFUSED", "connection refused"],
    ["ECONNREFUSED via fetch", fetchFailed(coded("ECONNREFUSED")), "CONNECTION_REFUSED", "connection refused"],
    ["ENOTFOUND", fetchFailed(coded("ENOTFOUND")), "DNS", "host name not found"],
    ["EAI_AGAIN", coded("EAI_AGAIN"), "DNS", "host name not found"],
    ["EAI_NONAME", coded("EAI_NONAME"), "DNS", "host name not found"],
    ["ETIMEDOUT", coded("ETIMEDOUT"), "TIMEOUT", "timed out"],
    ["UND_ERR_CONNECT_TIMEOUT", fetchFailed(coded("UND_ERR_CONNECT_TIMEOUT")), "TIMEOUT", "timed out connecting"],
    ["UND_ERR_HEADERS_TIMEOUT", fetchFailed(coded("UND_ERR_HEADERS_TIMEOUT")), "TIMEOUT", "timed out waiting for response headers"],
    ["UND_ERR_BODY_TIMEOUT", coded("UND_ERR_BODY_TIMEOUT"), "TIMEOUT", "timed out reading the response body"],
    ["AbortError", named("AbortError"), "TIMEOUT", "timed out"],
    ["TimeoutError", named("TimeoutError"), "TIMEOUT", "timed out"],
    ["CERT_HAS_EXPIRED", fetchFailed(coded("CERT_HAS_EXPIRED")), "TLS", "certificate has expired (CERT_HAS_EXPIRED)"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "TLS", "self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    ["SELF_SIGNED_CERT_IN_CHAIN", coded("SELF_SIGNED_CERT_IN_CHAIN"), "TLS", "self-signed certificate in the chain (SELF_SIGNED_CERT_IN_CHAIN)"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", coded("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), "TLS", "certificate chain incomplete (UNABLE_TO_VERIFY_LEAF_SIGNATURE)"],
    [
      "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      coded("UNABLE_TO_GET_ISSUER_CERT_LOCALLY"),
      "TLS",
      "certificate issuer not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)",
    ],
    ["ERR_TLS_CERT_ALTNAME_INVALID", coded("ERR_TLS_CERT_ALTNAME_INVALID"), "TLS", "certificate does not match the host name (ERR_TLS_CERT_ALTNAME_INVALID)"],
    ["other ERR_TLS_", coded("ERR_TLS_HANDSHAKE_TIMEOUT"), "TLS", "TLS handshake failed (ERR_TLS_HANDSHAKE_TIMEOUT)"],
    ["other ERR_SSL_", coded("ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE"), "TLS", "TLS handshake failed (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)"],
    ["other CERT_", coded("CERT_REVOKED"), "TLS", "TLS handshake failed (CERT_REVOKED)"],
    ["X509 verify code without CERT_ prefix", coded("INVALID_CA"), "TLS", "TLS handshake failed (INVALID_CA)"],
    ["ECONNRESET", fetchFailed(coded("ECONNRESET")), "UNKNOWN", "connection reset by the instance"],
    ["UND_ERR_SOCKET", fetchFailed(coded("UND_ERR_SOCKET")), "UNKNOWN", "connection reset by the instance"],
    ["EPIPE", coded("EPIPE"), "UNKNOWN", "connection reset by the instance"],
    ["EHOSTUNREACH", coded("EHOSTUNREACH"), "UNKNOWN", "host unreachable"],
    ["ENETUNREACH", coded("ENETUNREACH"), "UNKNOWN", "host unreachable"],
  ];

  it.each(cases)("%s", (_name, err, errorClass, detail) => {
    expect(classifyProbeError(err)).toEqual({ errorClass, detail });
  });

  it("never classifies by message text", () => {
    expect(classifyProbeError(new Error("connect ECONNREFUSED 127.0.0.1:1")).errorClass).toBe("UNKNOWN");
    expect(classifyProbeError(new Error("getaddrinfo ENOTFOUND db.internal")).errorClass).toBe("UNKNOWN");
  });

  it("ignores numeric codes (DOMException.code) and goes by name", () => {
    const domTimeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError", code: 23 });
    expect(classifyProbeError(domTimeout)).toEqual({ errorClass: "TIMEOUT", detail: "timed out" });
  });

  it("looks inside AggregateError (happy-eyeballs connect to every address)", () => {
    const both = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")], "");
    expect(classifyProbeError(fetchFailed(both)).errorClass).toBe("CONNECTION_REFUSED");
  });

  it("survives a cyclic cause chain", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(classifyProbeError(a)).toEqual({ errorClass: "UNKNOWN", detail: "Error: b" });
  });

  it("falls back to UNKNOWN with the code (or name) and the first line of the message", () => {
    expect(classifyProbeError(fetchFailed(coded("UND_ERR_CLOSED", "closed\n    at stack")))).toEqual({
      errorClass: "UNKNOWN",
      detail: "UND_ERR_CLOSED: closed",
    });
    expect(classifyProbeError(fetchFailed(Object.assign(new Error("odd"), { name: "WeirdError" })))).toEqual({
      errorClass: "UNKNOWN",
      detail: "WeirdError: odd",
    });
    expect(classifyProbeError(fetchFailed(undefined))).toEqual({ errorClass: "UNKNOWN", detail: "TypeError: fetch failed" });
    expect(classifyProbeError(coded("EXYZ", ""))).toEqual({ errorClass: "UNKNOWN", detail: "EXYZ" });
    expect(classifyProbeError("a thrown string")).toEqual({ errorClass: "UNKNOWN", detail: "a thrown string" });
    expect(classifyProbeError(undefined)).toEqual({ errorClass: "UNKNOWN", detail: "unknown error" });
    expect(classifyProbeError(null)).toEqual({ errorClass: "UNKNOWN", detail: "unknown error" });
  });
});

/** Real errors, provoked on loopback: the shapes Node and undici actually produce. */
describe("classifyProbeError on real errors", () => {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  let closedPort = 0;

  /** Starts a loopback server and returns its port; it and its connections are closed in afterAll. */
  async function serve(server: net.Server): Promise<number> {
    servers.push(server);
    // close() waits for open connections, and the silent server's stay open until destroyed.
    server.on("connection", (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as net.AddressInfo).port;
  }

  /** What a promise rejected with (fails the test if it resolved). */
  async function rejection(p: Promise<unknown>): Promise<unknown> {
    try {
      await p;
    } catch (err) {
      return err;
    }
    throw new Error("expected a rejection");
  }

  beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("node:net connect to a closed port → CONNECTION_REFUSED", async () => {
    const err = await new Promise<Error>((resolve) => net.connect(closedPort, "127.0.0.1").on("error", resolve));
    expect(classifyProbeError(err)).toEqual({ errorClass: "CONNECTION_REFUSED", detail: "connection refused" });
  });

  it("fetch to a closed port → CONNECTION_REFUSED", async () => {
    const err = await rejection(fetch(`http://127.0.0.1:${closedPort}/healthz`));
    expect(classifyProbeError(err)).toEqual({ errorClass: "CONNECTION_REFUSED", detail: "connection refused" });
  });

  it("fetch to a server that never answers, with AbortSignal.timeout → TIMEOUT", async () => {
    const port = await serve(net.createServer(() => {}));
    const err = await rejection(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(50) }));
    expect(classifyProbeError(err)).toEqual({ errorClass: "TIMEOUT", detail: "timed out" });
  });

  it("fetch aborted by its own controller → TIMEOUT", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(fetch(`http://127.0.0.1:${closedPort}/healthz`, { signal: controller.signal }));
    expect(classifyProbeError(err)).toEqual({ errorClass: "TIMEOUT", detail: "timed out" });
  });

  it("fetch to a server that resets the connection → reset", async () => {
    const port = await serve(net.createServer((socket) => socket.resetAndDestroy()));
    const err = await rejection(fetch(`http://127.0.0.1:${port}/healthz`));
    expect(classifyProbeError(err)).toEqual({ errorClass: "UNKNOWN", detail: "connection reset by the instance" });
  });

  it("fetch to a server that closes without answering → reset", async () => {
    const port = await serve(net.createServer((socket) => socket.end()));
    const err = await rejection(fetch(`http://127.0.0.1:${port}/healthz`));
    expect(classifyProbeError(err)).toEqual({ errorClass: "UNKNOWN", detail: "connection reset by the instance" });
  });

  it("fetch to a server answering garbage → UNKNOWN with the parser's code", async () => {
    const port = await serve(net.createServer((socket) => socket.end("garbage\r\n\r\n")));
    const err = await rejection(fetch(`http://127.0.0.1:${port}/healthz`));
    const { errorClass, detail } = classifyProbeError(err);
    expect(errorClass).toBe("UNKNOWN");
    expect(detail).toMatch(/^HPE_[A-Z_]+: /);
  });

  it("https:// to a plain HTTP port → TLS", async () => {
    const port = await serve(http.createServer((_req, res) => res.end("ok")));
    const err = await rejection(fetch(`https://127.0.0.1:${port}/healthz`));
    const { errorClass, detail } = classifyProbeError(err);
    expect(errorClass).toBe("TLS");
    expect(detail).toMatch(/\(ERR_SSL_[A-Z_]+\)$/);
  });
});
