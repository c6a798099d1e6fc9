import type { Dispatcher } from "undici";
import { classifyProbeError } from "@/lib/detection/classify";
import type { ProbeResult } from "@/lib/detection/types";
import { httpTarget, normalizePath, parseAddress, urlHost } from "./address";
import { ProbeAgents } from "./agents";
import type { ProbeSpec } from "./types";
import { failure, failureLatency, httpVerdict, needsBody, timeoutDetail } from "./verdict";

/** Body conditions look at this much of the body; health answers are far smaller. */
const BODY_LIMIT = 64 * 1024;
const USER_AGENT = "faultline-probe";
// A kept-alive connection the server closed just as the check reused it fails with one of these
// before any answer; one retry on a fresh connection keeps that race from reading as an outage.
const STALE_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS"]);

let shared: ProbeAgents | undefined;

export interface HttpProbeDeps {
  /** Connection pools to use; the process-wide shared ones by default. */
  agents?: ProbeAgents;
}

/**
 * Runs one HTTP(S) check. `spec.timeoutMs` bounds all of it (connect, TLS, headers, body). Never
 * throws: every failure is a FAIL result with an error class and a one-line message.
 */
export async function probeHttp(spec: ProbeSpec, at: Date, deps: HttpProbeDeps = {}): Promise<ProbeResult> {
  const target = httpTarget(spec);
  try {
    return await check(spec, at, target, deps.agents ?? (shared ??= new ProbeAgents()));
  } catch (err) {
    // Only a bug gets here; report it as this check's result rather than break the poller.
    return failure(at, target, "UNKNOWN", `probe error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Closes the shared keep-alive connections (shutdown); later checks open new ones. */
export async function closeProbeAgents(): Promise<void> {
  const agents = shared;
  shared = undefined;
  await agents?.close();
}

async function check(spec: ProbeSpec, at: Date, target: string, agents: ProbeAgents): Promise<ProbeResult> {
  const address = parseAddress(spec.address);
  if (!address) return failure(at, target, "UNKNOWN", `invalid address ${JSON.stringify(spec.address)}, expected host:port`);
  if (spec.headerProblem) return failure(at, target, "UNKNOWN", `${target} not sent: ${spec.headerProblem}`);
  const scheme = spec.scheme ?? "http";
  const method = spec.method.toUpperCase();
  const request: Dispatcher.RequestOptions = {
    origin: `${scheme}://${urlHost(address)}`,
    path: normalizePath(spec.path),
    method: method as Dispatcher.HttpMethod,
    headers: withUserAgent(spec.headers ?? {}),
    // Backstops: the deadline below fires first, as it started earlier.
    headersTimeout: spec.timeoutMs,
    bodyTimeout: spec.timeoutMs,
  };
  const agent = agents.agentFor(spec.tlsCa);

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(timeoutDetail(spec.timeoutMs))), spec.timeoutMs);
  const started = performance.now();
  try {
    const res = await send(agent, request, deadline.signal, IDEMPOTENT.has(method));
    const read = needsBody(spec) ? await readText(res.body, BODY_LIMIT) : null;
    const latencyMs = performance.now() - started;
    // Drain small bodies so the connection can serve the next check; larger ones close it.
    if (!read) await res.body.dump({ limit: BODY_LIMIT }).catch(() => undefined);
    return httpVerdict(spec, at, target, {
      statusCode: res.statusCode,
      statusText: res.statusText,
      latencyMs,
      body: read?.text ?? null,
      truncated: read?.truncated ?? false,
      certValidTo: scheme === "https" ? agents.certValidTo(spec.tlsCa, address) : null,
    });
  } catch (err) {
    const elapsed = performance.now() - started;
    if (deadline.signal.aborted) return failure(at, target, "TIMEOUT", timeoutDetail(spec.timeoutMs), elapsed);
    const { errorClass, detail } = classifyProbeError(err);
    return failure(at, target, errorClass, detail, failureLatency(errorClass, elapsed));
  } finally {
    clearTimeout(timer);
  }
}

async function send(agent: Dispatcher, request: Dispatcher.RequestOptions, signal: AbortSignal, retryable: boolean): Promise<Dispatcher.ResponseData> {
  try {
    return await agent.request({ ...request, signal });
  } catch (err) {
    if (!retryable || signal.aborted || !STALE_CONNECTION_CODES.has(codeOf(err))) throw err;
    return agent.request({ ...request, signal });
  }
}

async function readText(body: AsyncIterable<Buffer>, limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    // Leaving the loop destroys the stream: the rest is never downloaded.
    if (size > limit) return { text: Buffer.concat(chunks).subarray(0, limit).toString("utf8"), truncated: true };
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

function withUserAgent(headers: Record<string, string>): Record<string, string> {
  return Object.keys(headers).some((name) => name.toLowerCase() === "user-agent") ? headers : { "user-agent": USER_AGENT, ...headers };
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}
