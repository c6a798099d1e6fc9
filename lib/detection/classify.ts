/**
 * The cause classifier: turns what a probe caught (a Node socket error, an undici fetch error, an
 * abort) into a fault type and a short cause an operator can act on. Pure and browser-safe.
 *
 * Classification goes by `code` and `name` only, never by message text: messages change between
 * Node and undici releases and with the locale, codes are the documented contract.
 */
import type { ProbeErrorClass } from "./types";

export interface ClassifiedError {
  errorClass: ProbeErrorClass;
  /** Lowercase phrase for a probe message, e.g. `connection refused`. */
  detail: string;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME"]);

const TIMEOUT_DETAIL = new Map([
  ["ETIMEDOUT", "timed out"],
  ["UND_ERR_CONNECT_TIMEOUT", "timed out connecting"],
  ["UND_ERR_HEADERS_TIMEOUT", "timed out waiting for response headers"],
  ["UND_ERR_BODY_TIMEOUT", "timed out reading the response body"],
]);

/** AbortSignal.timeout() rejects with TimeoutError; a probe's own AbortController with AbortError. */
const TIMEOUT_NAMES = new Set(["AbortError", "TimeoutError"]);

const RESET_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Certificate verification failures as Node reports them (OpenSSL's X509 verify codes, see the
 * node:tls docs). Most start with CERT_, but not all, hence the list.
 */
const CERT_VERIFY_CODES = new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_CRL",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECRYPT_CRL_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "CRL_SIGNATURE_FAILURE",
  "CRL_NOT_YET_VALID",
  "CRL_HAS_EXPIRED",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
  "ERROR_IN_CRL_LAST_UPDATE_FIELD",
  "ERROR_IN_CRL_NEXT_UPDATE_FIELD",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_PURPOSE",
  "HOSTNAME_MISMATCH",
]);

const TLS_DETAIL = new Map([
  ["CERT_HAS_EXPIRED", "certificate has expired"],
  ["CERT_NOT_YET_VALID", "certificate is not yet valid"],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"],
  ["SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in the chain"],
  ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "certificate chain incomplete"],
  ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "certificate issuer not trusted"],
  ["ERR_TLS_CERT_ALTNAME_INVALID", "certificate does not match the host name"],
  ["HOSTNAME_MISMATCH", "certificate does not match the host name"],
  // Typically TLS spoken to a plain-HTTP port (an https:// target that should be http://).
  ["ERR_SSL_WRONG_VERSION_NUMBER", "TLS handshake failed, the port may not speak TLS"],
]);

function isTlsCode(code: string): boolean {
  return code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || code.startsWith("CERT_") || CERT_VERIFY_CODES.has(code);
}

interface Layer {
  code?: string;
  name?: string;
  message?: string;
}

/** One layer's code and name, ignoring non-string codes (DOMException.code is a legacy number). */
function layerOf(value: unknown): Layer {
  if (typeof value !== "object" || value === null) return {};
  const v = value as { code?: unknown; name?: unknown; message?: unknown };
  return {
    code: typeof v.code === "string" ? v.code : undefined,
    name: typeof v.name === "string" ? v.name : undefined,
    message: typeof v.message === "string" ? v.message : undefined,
  };
}

/**
 * The error and everything it wraps, outermost first: undici reports `TypeError: fetch failed`
 * with the socket error as `cause`, and Node's happy-eyeballs connect reports an AggregateError
 * with one error per address tried.
 */
function layers(err: unknown): Layer[] {
  const out: Layer[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  // Bounded so that a cyclic or absurdly deep cause chain cannot stall a probe.
  while (queue.length > 0 && out.length < 16) {
    const value = queue.shift();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    out.push(layerOf(value));
    const v = value as { cause?: unknown; errors?: unknown };
    if (v.cause !== undefined) queue.push(v.cause);
    if (Array.isArray(v.errors)) queue.push(...v.errors);
  }
  return out;
}

/** The classification a single code or name stands for, or null when it is not one we know. */
function classifyLayer({ code, name }: Layer): ClassifiedError | null {
  if (code !== undefined) {
    if (code === "ECONNREFUSED") return { errorClass: "CONNECTION_REFUSED", detail: "connection refused" };
    if (DNS_CODES.has(code)) return { errorClass: "DNS", detail: "host name not found" };
    const timeout = TIMEOUT_DETAIL.get(code);
    if (timeout) return { errorClass: "TIMEOUT", detail: timeout };
    if (isTlsCode(code)) return { errorClass: "TLS", detail: `${TLS_DETAIL.get(code) ?? "TLS handshake failed"} (${code})` };
    // Reset and unreachable are not fault types of their own; the detail still tells them apart.
    if (RESET_CODES.has(code)) return { errorClass: "UNKNOWN", detail: "connection reset by the instance" };
    if (UNREACHABLE_CODES.has(code)) return { errorClass: "UNKNOWN", detail: "host unreachable" };
  }
  if (name !== undefined && TIMEOUT_NAMES.has(name)) return { errorClass: "TIMEOUT", detail: "timed out" };
  return null;
}

/** First line of a message, capped: enough to recognise, never a stack trace. */
function firstLine(message: string): string {
  const line = message.split("\n")[0]?.trim() ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** `CODE: message` (or `Name: message`) for an error we cannot place. */
function unknownDetail(all: Layer[], err: unknown): string {
  if (all.length === 0) return err === undefined || err === null ? "unknown error" : firstLine(String(err)) || "unknown error";
  // A code is the most specific thing an error carries; without one, the innermost layer is the
  // most specific (the outer ones are wrappers such as `TypeError: fetch failed`).
  const layer = all.find((l) => l.code) ?? all.at(-1) ?? {};
  const label = layer.code ?? layer.name ?? "Error";
  const message = layer.message ? firstLine(layer.message) : "";
  return message && message !== label ? `${label}: ${message}` : label;
}

/**
 * Maps what a probe caught to a fault type and a cause phrase, by error `code` / `name` on the
 * error and on everything it wraps (`cause`, AggregateError `errors`), outermost first.
 * ECONNRESET / EPIPE / UND_ERR_SOCKET and EHOSTUNREACH / ENETUNREACH have no fault type of their
 * own and come back as UNKNOWN with a specific detail; anything unrecognised is UNKNOWN with its
 * code (or name) and the first line of its message.
 */
export function classifyProbeError(err: unknown): ClassifiedError {
  const all = layers(err);
  for (const layer of all) {
    const known = classifyLayer(layer);
    if (known) return known;
  }
  return { errorClass: "UNKNOWN", detail: unknownDetail(all, err) };
}
