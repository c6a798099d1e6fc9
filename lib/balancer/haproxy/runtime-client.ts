import { metrics } from "@/lib/metrics/registry";
import net from "node:net";
import { AppError } from "@/lib/errors/app-error";
import { formatRuntimeAddress, parseRuntimeAddress, type RuntimeAddress } from "./runtime-address";

export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;

/** HAProxy refused a command or could not be reached: carries HAProxy's own words. */
export class RuntimeApiError extends AppError {
  constructor(
    code: "BAD_GATEWAY" | "GATEWAY_TIMEOUT",
    message: string,
    readonly haproxyMessage?: string,
    /** HAProxy answered (refused a command) — as opposed to not answering at all. */
    readonly answered = haproxyMessage !== undefined,
  ) {
    super(code, message);
    this.name = "RuntimeApiError";
  }
}

/** `[3]: No such server.` → severity 3 and the text (set severity-output number). */
const SEVERITY = /^\[(\d)\]: ?([\s\S]*)$/;

/**
 * HAProxy Runtime API client: one connection per command (HAProxy closes it after answering),
 * so there is no prompt state to lose on reconnect. Every command runs with
 * `set severity-output number` so errors are recognisable, and under a hard timeout.
 */
export class RuntimeClient {
  readonly address: RuntimeAddress;

  constructor(
    address: string | RuntimeAddress,
    private readonly timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
  ) {
    if (typeof address === "string") {
      const parsed = parseRuntimeAddress(address);
      if ("error" in parsed) throw new AppError("VALIDATION", `runtimeApi: ${parsed.error}`, "runtimeApi");
      this.address = parsed;
    } else this.address = address;
  }

  get label(): string {
    return formatRuntimeAddress(this.address);
  }

  /** A `show …` command: its output; an answer carrying a severity prefix is an error. */
  async show(command: string): Promise<string> {
    const out = await this.raw(command);
    const err = SEVERITY.exec(out.trim());
    if (err) throw this.refused(command, err[2]!);
    return out;
  }

  /** A `set …`/`enable …` command: success is an empty answer; anything else is HAProxy's error. */
  async set(command: string): Promise<void> {
    const out = (await this.raw(command)).trim();
    if (out === "") return;
    const err = SEVERITY.exec(out);
    throw this.refused(command, err ? err[2]! : out);
  }

  private refused(command: string, words: string): RuntimeApiError {
    const text = words.trim().replace(/\s+/g, " ");
    return new RuntimeApiError("BAD_GATEWAY", `HAProxy ${this.label} refused "${command}": ${text}`, text);
  }

  /** Send one command line and read until HAProxy closes the connection (timed for the metrics). */
  async raw(command: string): Promise<string> {
    const end = metrics().balancerCommandDuration.startTimer();
    try {
      const out = await this.send(command);
      const refused = SEVERITY.test(out.trim());
      end({ outcome: refused ? "refused" : "ok" });
      return out;
    } catch (err) {
      end({
        outcome: err instanceof RuntimeApiError && err.code === "GATEWAY_TIMEOUT" ? "timeout" : err instanceof RuntimeApiError ? "unreachable" : "invalid",
      });
      throw err;
    }
  }

  private send(command: string): Promise<string> {
    if (/[\n\r;]/.test(command)) return Promise.reject(new AppError("VALIDATION", "a runtime command is one line without ';'"));
    const a = this.address;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const done = (err: Error | null, out?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else resolve(out!);
      };
      const socket = a.kind === "unix" ? net.createConnection(a.path) : net.createConnection({ host: a.host, port: a.port });
      const timer = setTimeout(
        () => done(new RuntimeApiError("GATEWAY_TIMEOUT", `HAProxy ${this.label} did not answer "${command}" within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      socket.on("connect", () => socket.write(`set severity-output number;${command}\n`));
      socket.on("data", (d) => chunks.push(d));
      socket.on("end", () => {
        // The first line is `set severity-output`'s own (empty) answer.
        const out = Buffer.concat(chunks).toString("utf8").replace(/^\n/, "");
        done(null, out);
      });
      socket.on("error", (e: NodeJS.ErrnoException) => done(new RuntimeApiError("BAD_GATEWAY", `HAProxy ${this.label} unreachable: ${e.code ?? e.message}`)));
    });
  }
}
