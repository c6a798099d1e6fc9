/**
 * Errors raised by the fleet simulator. Each carries a code so the control API (and the CLI)
 * can turn it into an answer at one boundary instead of matching on message text.
 */
export type FleetSimErrorCode =
  | "INVALID_FLEET_FILE" // the fleet file cannot be read, parsed or validated
  | "VALIDATION" // a chaos request or option is invalid
  | "NOT_FOUND" // no instance with that name, or no such route
  | "METHOD_NOT_ALLOWED" // route exists, method doesn't
  | "PORT_IN_USE" // a listener could not bind its port
  | "LISTEN_FAILED"; // any other bind failure (EACCES, EADDRNOTAVAIL, …)

export class FleetSimError extends Error {
  readonly code: FleetSimErrorCode;
  /** Dotted path of the offending field (`services[0].pools[1].instances[0].port`), when known. */
  readonly field: string | undefined;

  constructor(code: FleetSimErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "FleetSimError";
    this.code = code;
    this.field = options.field;
  }
}
